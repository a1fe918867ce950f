package dev.hyperlab.core.vm.libvirt;

import static dev.hyperlab.core.vm.libvirt.Xml.esc;

import dev.hyperlab.core.vm.HyperlabLabel;
import dev.hyperlab.core.vm.LabNetworkSpec;

/**
 * Turns a {@link LabNetworkSpec} into libvirt network XML (checked by virt-xml-validate in a test).
 *
 * <p>An isolated network has no {@code <forward>}: its guests reach each other and the host's bridge
 * address, nothing else. A NAT network forwards out through the host as libvirt's default network
 * does. Both keep dnsmasq's DNS to the lab ({@code localOnly}), so guest names never leak upstream.
 */
public final class NetworkXmlBuilder {
    /** The namespace of the lab label in a network's {@code <metadata>}. */
    public static final String LAB_NAMESPACE = HyperlabLabel.NAMESPACE + "/lab";

    private NetworkXmlBuilder() {}

    public static String build(LabNetworkSpec n) {
        StringBuilder x = new StringBuilder(1024);
        x.append("<network>\n");
        x.append("  <name>").append(esc(n.name())).append("</name>\n");
        x.append("  <metadata>\n")
                .append("    <hl:lab xmlns:hl='").append(LAB_NAMESPACE).append("'>\n")
                .append("      <hl:name>").append(esc(n.lab())).append("</hl:name>\n")
                .append("      <hl:instance-id>").append(esc(n.instanceId())).append("</hl:instance-id>\n")
                .append("    </hl:lab>\n")
                .append("  </metadata>\n");
        if (n.nat()) {
            x.append("  <forward mode='nat'/>\n");
        }
        x.append("  <bridge name='").append(esc(n.bridge())).append("' stp='off' delay='0'/>\n");
        x.append("  <domain name='").append(esc(n.lab())).append(".lab' localOnly='yes'/>\n");
        x.append("  <ip address='").append(esc(n.gateway())).append("' prefix='").append(n.prefix()).append("'>\n");
        x.append("    <dhcp>\n");
        x.append("      <range start='").append(esc(n.dhcpStart())).append("' end='").append(esc(n.dhcpEnd())).append("'/>\n");
        for (LabNetworkSpec.DhcpHost h : n.hosts()) {
            x.append("      <host mac='").append(esc(h.mac())).append("' name='").append(esc(h.name()))
                    .append("' ip='").append(esc(h.ip())).append("'/>\n");
        }
        x.append("    </dhcp>\n");
        x.append("  </ip>\n");
        x.append("</network>\n");
        return x.toString();
    }
}
