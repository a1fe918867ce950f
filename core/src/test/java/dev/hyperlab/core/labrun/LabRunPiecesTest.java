package dev.hyperlab.core.labrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.labfile.LabFile;
import dev.hyperlab.core.labfile.LabFileParser;
import dev.hyperlab.core.labfile.LabGuest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pieces of 'up' that need no daemon: names on the host, hosts entries, spec diffs, the state file. */
class LabRunPiecesTest {
    @TempDir Path data;

    @Test
    @DisplayName("a lab's bridge fits Linux's 15 characters, and names and MACs are the same in every up")
    void names() {
        String bridge = LabResourceNames.bridge("a-very-long-lab-name-indeed", "backend-net");
        assertTrue(bridge.length() <= 15 && bridge.startsWith("hl"), bridge);
        assertEquals(bridge, LabResourceNames.bridge("a-very-long-lab-name-indeed", "backend-net"));
        assertNotEquals(bridge, LabResourceNames.bridge("a-very-long-lab-name-indeed", "frontend"));
        assertEquals("hl-web-lab-lan", LabResourceNames.network("web-lab", "lan"));
        String mac = LabResourceNames.mac("web-lab", "web", "lan");
        assertTrue(mac.matches("52:54:00(:[0-9a-f]{2}){3}"), mac);
        assertEquals(mac, LabResourceNames.mac("web-lab", "web", "lan"));
        assertNotEquals(mac, LabResourceNames.mac("web-lab", "db", "lan"));
    }

    @Test
    @DisplayName("the hosts entries a VM gets are one shell command appending every guest's line")
    void hostsCommand() {
        assertEquals("printf '%s\\n' '192.168.150.10 web' '192.168.150.11 db' >> /etc/hosts",
                LabGuestMaker.hostsCommand(List.of("192.168.150.10 web", "192.168.150.11 db")));
    }

    @Test
    @DisplayName("a clone guest is vm create --from-template on its lab network with the lab's MAC, the lab's names first")
    void cloneRequest() {
        LabFile lab = LabFileParser.parse("name: l\nnetworks:\n  lan: {subnet: 192.168.150.0/24}\nguests:\n  web:\n"
                + "    template: base\n    memory: 1G\n    networks: [lan]\n    runcmd: [echo hi]\n  db:\n    kind: system\n"
                + "    networks: [lan]\n", Path.of("hyperlab.yaml"));
        LabGuest web = lab.guest("web").orElseThrow();
        AddressPlan plan = AddressPlan.of(Map.of("lan", dev.hyperlab.core.labfile.Subnet.parse("192.168.150.0/24").orElseThrow()),
                lab.guests());
        dev.hyperlab.core.lab.InstantCloneRequest r = LabGuestMaker.cloneRequest(lab, web, plan, List.of(), Duration.ofMinutes(1));
        assertEquals("base", r.template());
        assertEquals(new dev.hyperlab.core.vm.NetworkSpec.LabNics(List.of(new dev.hyperlab.core.vm.NetworkSpec.LabNic(
                LabResourceNames.network("l", "lan"), LabResourceNames.mac("l", "web", "lan")))), r.network(),
                "the MAC the network's DHCP reservation gives web's planned address to");
        assertEquals(List.of(LabGuestMaker.hostsCommand(plan.hostsLines()), "echo hi"), r.runcmd());
        assertEquals(java.util.Optional.of(1L << 30), r.memoryBytes(), "checked against the template's by the clone");
        assertEquals(java.util.Optional.empty(), r.cloudConfig());
        assertEquals("", LabGuestSpec.of(web).get("image"), "a clone's image is its template's");
        assertEquals("base", LabGuestSpec.of(web).get("template"));
        assertFalse(LabGuestSpec.of(lab.guest("db").orElseThrow()).containsKey("template"),
                "a guest without template: has the fields it had before templates, so an older lab's state reads unchanged");
    }

    @Test
    @DisplayName("a second up says which fields of a guest changed, and a moved guest is no change")
    void specDiff() {
        LabFile a = LabFileParser.parse("name: l\nguests:\n  web:\n    kind: vm\n    memory: 1G\n", Path.of("hyperlab.yaml"));
        LabFile b = LabFileParser.parse("name: l\nguests:\n  other:\n    kind: system\n  web:\n    kind: vm\n    memory: 2G\n",
                Path.of("hyperlab.yaml"));
        LabFile moved = LabFileParser.parse("name: l\nguests:\n\n\n  web:\n    memory: 1G\n    kind: vm\n", Path.of("hyperlab.yaml"));
        Map<String, String> before = LabGuestSpec.of(a.guest("web").orElseThrow());
        assertEquals("memory: 1073741824 -> 2147483648", LabGuestSpec.diff(before, LabGuestSpec.of(b.guest("web").orElseThrow())));
        assertEquals(before, LabGuestSpec.of(moved.guest("web").orElseThrow()));
        LabFile ported = LabFileParser.parse("name: l\nguests:\n  web:\n    kind: vm\n    memory: 1G\n    ports: ['8080:80']\n",
                Path.of("hyperlab.yaml"));
        Map<String, String> withPorts = LabGuestSpec.of(ported.guest("web").orElseThrow());
        assertEquals("ports: [] -> [127.0.0.1:8080:80]", LabGuestSpec.diff(before, withPorts));
        assertEquals(LabGuestSpec.withoutPorts(before), LabGuestSpec.withoutPorts(withPorts), "ports alone never remake a guest");
        assertEquals(withPorts, LabGuestSpec.withPortsOf(before, withPorts));
        assertEquals(List.of("127.0.0.1:8080:80"), LabForwards.ports(new LabState.Guest("vm", withPorts, Map.of(), null))
                .stream().map(Object::toString).toList());
    }

    @Test
    @DisplayName("up --json says what became of the port forwarder in four fields")
    void portsJson() throws Exception {
        String json = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(
                new LabRunner.Ports("started", 42, List.of("127.0.0.1:2222 -> web:22"), null));
        assertEquals("{\"result\":\"started\",\"pid\":42,\"forwards\":[\"127.0.0.1:2222 -> web:22\"],\"error\":null}", json);
    }

    @Test
    @DisplayName("the state file is written whole, readable only by its owner, listed and removed")
    void stateFile() throws Exception {
        LabStates states = new LabStates(data);
        LabState s = new LabState("l", "/x/hyperlab.yaml", "iid", Map.of(), Map.of())
                .withNetwork("lan", new LabState.Net("192.168.150.0/24", "hlabc", "hl-l-lan", "hl-l-lan"))
                .withGuest("web", new LabState.Guest("vm", Map.of("kind", "vm"), Map.of("lan", "192.168.150.10"), 20.5));
        states.save(s);
        assertEquals(s, states.find("l").orElseThrow());
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                java.nio.file.Files.getPosixFilePermissions(data.resolve("labs/l.json"))));
        assertEquals(List.of(s), states.all());
        states.remove("l");
        assertTrue(states.find("l").isEmpty());
    }

    @Test
    @DisplayName("the README's lab file parses as the README says: count expands, the static address is kept")
    void readmeExample() throws Exception {
        String readme = java.nio.file.Files.readString(Path.of("../README.md"));
        int start = readme.indexOf("```yaml\nname: web-lab");
        String yaml = readme.substring(start + "```yaml\n".length(), readme.indexOf("```", start + 7));
        LabFile lab = LabFileParser.parse(yaml, Path.of("hyperlab.yaml"));
        assertEquals(List.of("web", "db", "worker-1", "worker-2", "worker-3", "queue", "api"),
                lab.guests().stream().map(dev.hyperlab.core.labfile.LabGuest::name).toList());
        assertEquals(java.util.Optional.of("192.168.150.20"),
                lab.guest("db").orElseThrow().networks().get(0).addressText());
        assertEquals("[127.0.0.1:8080:80]", lab.guest("web").orElseThrow().ports().toString(), "loopback by default");
        assertEquals(java.util.Optional.of("deb"), lab.guest("api").orElseThrow().template(), "an instant clone of deb");
    }
}
