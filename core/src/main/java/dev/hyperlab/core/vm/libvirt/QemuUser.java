package dev.hyperlab.core.vm.libvirt;

import java.util.Optional;
import org.w3c.dom.Element;

/**
 * Who QEMU runs as on a libvirt host, read from the host's capabilities: the owner a file must have
 * for QEMU to open it when libvirt does not label it (a path on QEMU's command line, such as a
 * template's memory file).
 *
 * @param uid the user id, or -1 when QEMU runs as the connecting user (a session daemon) and any file
 *            hyperlab makes is already QEMU's
 * @param gid the group id, or -1 likewise
 */
record QemuUser(long uid, long gid) {
    static final QemuUser SAME = new QemuUser(-1, -1);

    /**
     * The user from the {@code dac} security model's base label, or SAME without one. Empty when
     * a security driver confines QEMU to the files libvirt labels itself (AppArmor, SELinux): such a
     * QEMU would be refused a file named only on its command line.
     */
    static Optional<QemuUser> ofCapabilities(String capabilitiesXml) {
        Element host = Xml.child(Xml.parse(capabilitiesXml).getDocumentElement(), "host");
        QemuUser user = SAME;
        for (Element sec : host == null ? java.util.List.<Element>of() : Xml.children(host, "secmodel")) {
            Element model = Xml.child(sec, "model");
            String name = model == null ? "" : model.getTextContent().strip();
            if (name.equals("apparmor") || name.equals("selinux")) {
                return Optional.empty();
            }
            if (name.equals("dac")) {
                for (Element label : Xml.children(sec, "baselabel")) {
                    String[] ids = label.getTextContent().strip().replace("+", "").split(":");
                    if ("qemu".equals(label.getAttribute("type")) && ids.length == 2 && ids[0].matches("\\d+")
                            && ids[1].matches("\\d+")) {
                        user = new QemuUser(Long.parseLong(ids[0]), Long.parseLong(ids[1]));
                    }
                }
            }
        }
        return Optional.of(user);
    }

    /** The owner and group elements of a volume's permissions, or nothing for SAME. */
    String permissionsXml() {
        return uid < 0 ? "" : "<owner>" + uid + "</owner><group>" + gid + "</group>";
    }
}
