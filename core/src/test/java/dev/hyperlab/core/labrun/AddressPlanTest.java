package dev.hyperlab.core.labrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.labfile.LabFile;
import dev.hyperlab.core.labfile.LabFileParser;
import dev.hyperlab.core.labfile.Subnet;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every lab guest's address is fixed before anything starts, so VMs and containers never collide. */
class AddressPlanTest {
    static final Subnet LAN = Subnet.parse("192.168.150.0/24").orElseThrow();

    static LabFile lab(String yaml) {
        return LabFileParser.parse(yaml, Path.of("/l/hyperlab.yaml"));
    }

    @Test
    void givesStaticAddressesAsWrittenAndTheRestFromDot10Up() {
        LabFile lab = lab("""
                networks: {lan: {subnet: 192.168.150.0/24}}
                guests:
                  web: {networks: [lan]}
                  db: {kind: system, networks: {lan: {ip: 192.168.150.11}}}
                  worker: {kind: system, count: 2, networks: [lan]}
                  loner: {kind: app, command: [sleep, infinity]}
                """);
        AddressPlan plan = AddressPlan.of(Map.of("lan", LAN), lab.guests());
        assertEquals(Map.of("lan", "192.168.150.10"), plan.addresses("web"));
        assertEquals(Map.of("lan", "192.168.150.11"), plan.addresses("db"));
        assertEquals(Map.of("lan", "192.168.150.12"), plan.addresses("worker-1"));
        assertEquals(Map.of("lan", "192.168.150.13"), plan.addresses("worker-2"));
        assertEquals(Map.of(), plan.addresses("loner"));
        assertEquals(List.of("192.168.150.10 web", "192.168.150.11 db", "192.168.150.12 worker-1", "192.168.150.13 worker-2"),
                plan.hostsLines());
    }

    @Test
    void leavesTheUpperHalfToDhcp() {
        assertEquals("192.168.150.128", dev.hyperlab.core.labfile.Ipv4.format(AddressPlan.dhcpStart(LAN)));
        assertEquals("192.168.150.254", dev.hyperlab.core.labfile.Ipv4.format(AddressPlan.dhcpEnd(LAN)));
    }

    @Test
    void usesASmallSubnetFromDot2AndSaysSoWhenItRunsOut() {
        Subnet small = Subnet.parse("192.168.150.0/28").orElseThrow();
        LabFile six = lab("networks: {lan: {subnet: 192.168.150.0/28}}\nguests: {w: {kind: system, count: 6, networks: [lan]}}");
        assertEquals(Map.of("lan", "192.168.150.7"), AddressPlan.of(Map.of("lan", small), six.guests()).addresses("w-6"));
        LabFile lab = lab("networks: {lan: {subnet: 192.168.150.0/28}}\nguests: {w: {kind: system, count: 7, networks: [lan]}}");
        HyperlabException e = assertThrows(HyperlabException.class,
                () -> AddressPlan.of(Map.of("lan", Subnet.parse("192.168.150.0/28").orElseThrow()), lab.guests()));
        assertTrue(e.getMessage().contains("has no free address left"), e.getMessage());
    }

    @Test
    void picksTheFirstFreeSubnet() {
        assertEquals("192.168.150.0/24", SubnetPicker.pick(List.of()).orElseThrow().toString());
        assertEquals("192.168.152.0/24", SubnetPicker.pick(List.of(LAN, Subnet.parse("192.168.151.0/24").orElseThrow()))
                .orElseThrow().toString());
        assertTrue(SubnetPicker.pick(List.of(Subnet.parse("192.168.0.0/16").orElseThrow())).isEmpty());
    }
}
