package dev.hyperlab.core.vm.libvirt;

import dev.hyperlab.core.error.HyperlabException;
import org.w3c.dom.Element;

/**
 * What an edited definition may not change: the name and the UUID. libvirt would take another
 * name as a second domain and another UUID as a clash, neither of which the user of
 * {@code vm edit} meant; {@code virsh edit} refuses them for the same reason.
 */
final class DomainIdentity {
    private DomainIdentity() {}

    static void requireSame(String name, String uuid, String xml) {
        Element root;
        try {
            root = Xml.parse(xml).getDocumentElement();
        } catch (IllegalStateException e) {
            throw HyperlabException.badInput("the definition of " + name + " is not well-formed XML: "
                    + firstLine(e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), "fix the XML and save again");
        }
        if (!"domain".equals(root.getLocalName() != null ? root.getLocalName() : root.getTagName())) {
            throw HyperlabException.badInput("the definition of " + name + " must be a <domain> element", "keep the <domain> root");
        }
        Element n = Xml.child(root, "name");
        String newName = n == null ? null : n.getTextContent().strip();
        if (!name.equals(newName)) {
            throw HyperlabException.badInput("the definition's <name> was changed from " + name + " to "
                    + newName + ": a VM is not renamed by editing it", "keep <name>" + name + "</name>; use 'vm clone' for a copy");
        }
        Element u = Xml.child(root, "uuid");
        if (u != null && !u.getTextContent().strip().equalsIgnoreCase(uuid)) {
            throw HyperlabException.badInput("the definition's <uuid> was changed", "keep <uuid>" + uuid + "</uuid>");
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
