package dev.hyperlab.core.vm.libvirt;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.vm.DomainClone;
import dev.hyperlab.core.vm.HyperlabLabel;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * A clone's definition, made from the source's persistent XML the way virt-clone makes one: the
 * same machine with a new name, no UUID and no MAC addresses (libvirt gives fresh ones), the disks
 * pointed at the copies, its own console log, NVRAM and SSH port, and hyperlab's label replaced.
 * Working on the XML rather than rebuilding it from a spec keeps whatever the source has that
 * hyperlab did not put there ({@code vm edit}).
 */
final class CloneXml {
    private static final Pattern USER_NIC_DEVICE = Pattern.compile("^virtio-net-pci,netdev=hlnet0,bus=pcie?\\.0,addr=(0x[0-9a-f]+)$");
    private static final Pattern HOSTFWD = Pattern.compile("hostfwd=tcp:127\\.0\\.0\\.1:\\d+-:22");

    private CloneXml() {}

    static String rewrite(String sourceXml, DomainClone c) {
        Document d = Xml.parse(sourceXml);
        Element root = d.getDocumentElement();
        Xml.child(root, "name").setTextContent(c.name());
        removeAll(root, "uuid");
        Element title = Xml.child(root, "title");
        if (title != null) {
            title.setTextContent("hyperlab VM " + c.name());
        }
        relabel(d, root, c.label());
        Element os = Xml.child(root, "os");
        Element nvram = os == null ? null : Xml.child(os, "nvram");
        if (nvram != null) {
            nvram.setTextContent(""); // libvirt makes NAME_VARS.fd afresh from the template
        }
        Element devices = Xml.child(root, "devices");
        if (devices != null) {
            for (Element disk : Xml.children(devices, "disk")) {
                Element src = Xml.child(disk, "source");
                String file = src == null ? null : src.getAttribute("file");
                if (file == null || file.isEmpty()) {
                    continue; // an empty cdrom drive: nothing to share
                }
                String copy = c.diskPaths().get(file);
                if (copy == null) {
                    throw new HyperlabException(ErrorCode.CONFLICT, "cannot clone: disk " + file
                            + " is not one hyperlab made for this VM, and two VMs writing one disk corrupt it",
                            "try 'virt-clone', which copies every disk, or detach the disk first");
                }
                src.setAttribute("file", copy);
            }
            for (Element nic : Xml.children(devices, "interface")) {
                removeAll(nic, "mac");
                removeAll(nic, "target");
            }
            for (String kind : List.of("serial", "console")) {
                for (Element dev : Xml.children(devices, kind)) {
                    Element log = Xml.child(dev, "log");
                    if (log != null) {
                        log.setAttribute("file", c.consoleLog());
                    }
                }
            }
        }
        c.network().ifPresent(n -> onNetwork(root, n));
        NodeList args = root.getElementsByTagNameNS(DomainXmlBuilder.QEMU_NS, "arg");
        for (int i = 0; i < args.getLength(); i++) {
            Element a = (Element) args.item(i);
            if (c.userNetRestricted().isPresent() && a.getAttribute("value").startsWith("user,")) {
                String v = a.getAttribute("value").replace(",restrict=on", "");
                a.setAttribute("value", c.userNetRestricted().get() ? v.replaceFirst("^(user,id=[^,]+)", "$1,restrict=on") : v);
            }
            a.setAttribute("value", withSshPort(a.getAttribute("value"), c.sshHostPort()));
            // a template's memory file is the clone's too, but copy-on-write: see TemplateMemory
            a.setAttribute("value", TemplateMemory.privateMapping(a.getAttribute("value")));
        }
        return Xml.serialize(d);
    }

    /**
     * The source's user-mode NIC (a {@code -netdev user} and a {@code -device virtio-net-pci} on
     * QEMU's command line) becomes an {@code <interface>} on libvirt network {@code nic}: the same
     * device model on the same PCI slot, so QEMU finds the device a restored template's saved state
     * describes (the state is the device's, not its backend's), now backed by a tap on the
     * network's bridge with the clone's MAC. The saved state brings back the template's MAC into
     * the device; the identity step sets the clone's, as the guest then sends it.
     */
    private static void onNetwork(Element root, dev.hyperlab.core.vm.NetworkSpec.LabNic nic) {
        NodeList args = root.getElementsByTagNameNS(DomainXmlBuilder.QEMU_NS, "arg");
        String slot = null;
        for (int i = 1; i < args.getLength(); i++) {
            Element a = (Element) args.item(i);
            Matcher m = USER_NIC_DEVICE.matcher(a.getAttribute("value"));
            if (m.find()) {
                slot = m.group(1);
                Element flag = (Element) args.item(i - 1); // its -device
                a.getParentNode().removeChild(a);
                flag.getParentNode().removeChild(flag);
                break;
            }
        }
        if (slot == null) {
            throw new HyperlabException(ErrorCode.CONFLICT, "the template's definition has no user-mode virtio NIC"
                    + " to put on network " + nic.network(), "try making the template again with this version");
        }
        // The user-mode backend itself stays, restricted, without a forward and without a device: QEMU's
        // saved state has a section of its own for it (the 'slirp' section), and refuses to load without it.
        for (int i = 0; i < args.getLength(); i++) {
            Element a = (Element) args.item(i);
            if (a.getAttribute("value").startsWith("user,")) {
                a.setAttribute("value", withSshPort(a.getAttribute("value").replace(",restrict=on", ""), 0)
                        .replaceFirst("^(user,id=[^,]+)", "$1,restrict=on"));
            }
        }
        Element devices = Xml.child(root, "devices");
        Document d = root.getOwnerDocument();
        Element iface = d.createElement("interface");
        iface.setAttribute("type", "network");
        Element mac = d.createElement("mac");
        mac.setAttribute("address", nic.mac());
        Element src = d.createElement("source");
        src.setAttribute("network", nic.network());
        Element model = d.createElement("model");
        model.setAttribute("type", "virtio");
        Element addr = d.createElement("address");
        addr.setAttribute("type", "pci");
        addr.setAttribute("domain", "0x0000");
        addr.setAttribute("bus", "0x00");
        addr.setAttribute("slot", slot);
        addr.setAttribute("function", "0x0");
        for (Element e : List.of(mac, src, model, addr)) {
            iface.appendChild(e);
        }
        devices.appendChild(iface); // libvirt orders the devices itself
    }

    /** A user-mode NIC's QEMU argument with its SSH forward on loopback {@code port}, or without one for 0. */
    static String withSshPort(String netdevArg, int port) {
        Matcher m = HOSTFWD.matcher(netdevArg);
        if (!m.find()) {
            return netdevArg;
        }
        return port > 0 ? m.replaceFirst("hostfwd=tcp:127.0.0.1:" + port + "-:22") : m.replaceFirst("").replace(",,", ",").replaceFirst(",$", "");
    }

    /** Drops every hyperlab element from {@code <metadata>} (label, timeline) and adds the clone's label. */
    private static void relabel(Document d, Element root, HyperlabLabel label) {
        Element metadata = Xml.child(root, "metadata");
        if (metadata == null) {
            metadata = d.createElement("metadata");
            root.insertBefore(metadata, Xml.child(root, "memory"));
        }
        for (Element e : Xml.children(metadata, null)) {
            if (e.getNamespaceURI() != null && e.getNamespaceURI().startsWith(HyperlabLabel.NAMESPACE)) {
                metadata.removeChild(e);
            }
        }
        Element fresh = Xml.parse(DomainXmlBuilder.labelElement(label)).getDocumentElement();
        metadata.appendChild(d.importNode(fresh, true));
    }

    private static void removeAll(Element parent, String name) {
        Xml.children(parent, name).forEach(parent::removeChild);
    }
}
