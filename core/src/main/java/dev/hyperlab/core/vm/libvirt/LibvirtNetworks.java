package dev.hyperlab.core.vm.libvirt;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.vm.LabNetworkInfo;
import dev.hyperlab.core.vm.LabNetworkSpec;
import java.util.ArrayList;
import java.util.List;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.libvirt.Network;
import org.w3c.dom.Element;

/** The adapter's network calls: lab networks defined, started, listed by their label and removed. */
final class LibvirtNetworks {
    private final LibvirtConnection connection;

    LibvirtNetworks(LibvirtConnection connection) {
        this.connection = connection;
    }

    void create(LabNetworkSpec spec) {
        String xml = NetworkXmlBuilder.build(spec);
        connection.call("creating network " + spec.name(), false, c -> {
            if (lookup(c, spec.name()) != null) {
                throw new HyperlabException(ErrorCode.CONFLICT, "a libvirt network named '" + spec.name() + "' exists already",
                        "try 'hyperlab down' for its lab, or 'virsh net-destroy/net-undefine " + spec.name() + "'");
            }
            Network n = connection.took(c.networkDefineXML(xml));
            try {
                n.create();
            } catch (LibvirtException e) {
                try {
                    n.undefine(); // defined by this call: a network that cannot start is not left behind
                } catch (LibvirtException ignored) {
                    // gc finds it by its label
                }
                throw e;
            } finally {
                connection.free(n);
            }
            return null;
        });
    }

    void remove(String name) {
        connection.call("removing network " + name, false, c -> {
            Network n = lookup(c, name);
            if (n == null) {
                return null;
            }
            try {
                if (n.isActive() == 1) {
                    n.destroy();
                }
                n.undefine();
            } finally {
                connection.free(n);
            }
            return null;
        });
    }

    List<LabNetworkInfo> labNetworks() {
        return connection.call("listing lab networks", true, c -> {
            List<String> names = new ArrayList<>(List.of(c.listNetworks()));
            names.addAll(List.of(c.listDefinedNetworks()));
            List<LabNetworkInfo> out = new ArrayList<>();
            for (String name : names) {
                Network n = lookup(c, name);
                if (n == null) {
                    continue; // removed since the listing
                }
                try {
                    Element root = Xml.parse(n.getXMLDesc(0)).getDocumentElement();
                    String lab = Xml.text(root, NetworkXmlBuilder.LAB_NAMESPACE, "name");
                    if (lab == null) {
                        continue; // not a lab's
                    }
                    Element bridge = Xml.child(root, "bridge");
                    out.add(new LabNetworkInfo(name, bridge == null ? "" : bridge.getAttribute("name"), lab,
                            String.valueOf(Xml.text(root, NetworkXmlBuilder.LAB_NAMESPACE, "instance-id")), n.isActive() == 1));
                } finally {
                    connection.free(n);
                }
            }
            return out;
        });
    }

    private Network lookup(Connect c, String name) throws LibvirtException {
        try {
            return connection.took(c.networkLookupByName(name));
        } catch (LibvirtException e) {
            if (LibvirtErrors.isNotFound(e)) {
                return null;
            }
            throw e;
        }
    }
}
