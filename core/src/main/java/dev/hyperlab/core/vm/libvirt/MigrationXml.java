package dev.hyperlab.core.vm.libvirt;

import dev.hyperlab.core.vm.HyperlabLabel;
import dev.hyperlab.core.vm.MigrationRequest;
import java.util.List;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The definition a migrated domain gets on its target (libvirt's destination and persistent XML): the
 * source's migratable XML with what belongs to the host rather than the guest changed. The loopback
 * port of the user-mode NIC's SSH forward (two daemons on one machine share one loopback: QEMU on the
 * target could not bind the source's port), and the console log file (a remote host keeps none; this
 * machine keeps one under its data directory), in the serial port's {@code <log>} and in hyperlab's
 * label. Neither is guest ABI, so libvirt's ABI check lets both through.
 */
final class MigrationXml {
    private MigrationXml() {}

    static String forTarget(String migratableXml, MigrationRequest req) {
        Document d = Xml.parse(migratableXml);
        Element root = d.getDocumentElement();
        Element devices = Xml.child(root, "devices");
        if (devices != null) {
            for (String kind : List.of("serial", "console")) {
                for (Element dev : Xml.children(devices, kind)) {
                    Element log = Xml.child(dev, "log");
                    if (log != null && req.consoleLog().isEmpty()) {
                        dev.removeChild(log);
                    } else if (log != null) {
                        log.setAttribute("file", req.consoleLog().get());
                    } else if (req.consoleLog().isPresent() && kind.equals("serial")) {
                        Element fresh = d.createElement("log");
                        fresh.setAttribute("file", req.consoleLog().get());
                        fresh.setAttribute("append", "off");
                        dev.insertBefore(fresh, Xml.child(dev, "target"));
                    }
                }
            }
        }
        Element labelLog = Xml.first(root, HyperlabLabel.NAMESPACE, "console-log");
        if (labelLog != null) {
            labelLog.setTextContent(req.consoleLog().orElse(""));
        }
        if (req.sshHostPort() > 0) {
            NodeList args = root.getElementsByTagNameNS(DomainXmlBuilder.QEMU_NS, "arg");
            for (int i = 0; i < args.getLength(); i++) {
                Element a = (Element) args.item(i);
                a.setAttribute("value", CloneXml.withSshPort(a.getAttribute("value"), req.sshHostPort()));
            }
        }
        return Xml.serialize(d);
    }
}
