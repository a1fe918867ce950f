package dev.hyperlab.core.vm.libvirt;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A definition with other vCPU and memory counts, for {@code vm resize}. Written into the XML, not
 * set through {@code virDomainSetVcpusFlags}/{@code SetMemoryFlags}: those cannot raise the maximum
 * of a defined domain in one call, and the XML route works the same on every driver.
 */
final class ResourceXml {
    private ResourceXml() {}

    static String withResources(String xml, int vcpus, long memoryBytes) {
        Document d = Xml.parse(xml);
        Element root = d.getDocumentElement();
        Element vcpu = Xml.child(root, "vcpu");
        vcpu.removeAttribute("current"); // all of them online: what --cpus means
        vcpu.setTextContent(Integer.toString(vcpus));
        String kib = Long.toString(memoryBytes / 1024);
        Element memory = Xml.child(root, "memory");
        if (memory != null && !kib.equals(memory.getTextContent().strip())) {
            TemplateMemory.unmap(root); // its template's memory file has the template's size: plain RAM from now on
        }
        for (String name : new String[] {"memory", "currentMemory"}) {
            Element e = Xml.child(root, name);
            if (e == null) {
                continue;
            }
            e.setAttribute("unit", "KiB");
            e.setTextContent(kib);
        }
        return Xml.serialize(d);
    }
}
