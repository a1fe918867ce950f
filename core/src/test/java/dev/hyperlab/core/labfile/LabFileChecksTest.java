package dev.hyperlab.core.labfile;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checks that need the host: images, routes, other labs, bound ports and the files a lab names. */
class LabFileChecksTest {
    @TempDir Path dir;

    LabHostFacts host(Set<String> images, List<Subnet> routes, Map<Subnet, String> otherLabs) {
        return new HostLabFacts(images::contains, () -> otherLabs, () -> routes);
    }

    LabHostFacts plainHost() {
        return host(Set.of("debian-12"), List.of(), Map.of());
    }

    String refusal(String yaml, LabHostFacts host) throws IOException {
        Path file = dir.resolve("hyperlab.yaml");
        Files.writeString(file, yaml);
        LabFile lab = LabFileParser.read(file);
        return assertThrows(LabFileException.class, () -> LabFileChecks.check(lab, host)).getMessage();
    }

    @Test
    void acceptsALabWhoseImagesFilesAndPortsAreThere() throws IOException {
        Files.writeString(dir.resolve("web.yaml"), "#cloud-config\npackages: [nginx]\n");
        Files.writeString(dir.resolve("me.pub"), "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBl me@host\n");
        int freePort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            freePort = probe.getLocalPort();
        }
        Path file = dir.resolve("hyperlab.yaml");
        Files.writeString(file, "guests: {web: {cloud-config: web.yaml, ssh-keys: [me.pub], ports: [\"127.0.0.1:" + freePort + ":80\"]}}");
        LabFile lab = LabFileParser.read(file);
        assertDoesNotThrow(() -> LabFileChecks.check(lab, plainHost()));
    }

    @Test
    void refusesAnUnknownImage() throws IOException {
        String m = refusal("guests: {web: {image: ubuntu-24.04}}", plainHost());
        assertTrue(m.contains("hyperlab.yaml:1:23: guests.web.image: unknown image 'ubuntu-24.04'; try 'hyperlab image list'"), m);
    }

    @Test
    void letsAnAppContainerNameAnEngineImage() throws IOException {
        Path file = dir.resolve("hyperlab.yaml");
        Files.writeString(file, "guests: {q: {kind: app, image: docker.io/library/busybox:1.36, command: [true]}}");
        assertDoesNotThrow(() -> LabFileChecks.check(LabFileParser.read(file), plainHost()));
    }

    @Test
    void refusesASubnetTheHostAlreadyRoutes() throws IOException {
        LabHostFacts host = host(Set.of("debian-12"), List.of(Subnet.parse("192.168.0.0/16").orElseThrow()), Map.of());
        String m = refusal("networks: {lan: {subnet: 192.168.150.0/24}}\nguests: {web: {networks: [lan]}}", host);
        assertTrue(m.contains("networks.lan.subnet: subnet 192.168.150.0/24 overlaps 192.168.0.0/16, which the host already routes"), m);
    }

    @Test
    void refusesASubnetAnotherLabHolds() throws IOException {
        LabHostFacts host = host(Set.of("debian-12"), List.of(), Map.of(Subnet.parse("192.168.150.0/24").orElseThrow(), "db-lab"));
        String m = refusal("name: web-lab\nnetworks: {lan: {subnet: 192.168.150.0/24}}\nguests: {web: {}}", host);
        assertTrue(m.contains("overlaps 192.168.150.0/24 of lab 'db-lab'; try another range, or 'hyperlab down' that lab first"), m);
    }

    @Test
    void refusesAHostPortAlreadyBound() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = taken.getLocalPort();
            String m = refusal("guests: {web: {ports: [\"127.0.0.1:" + port + ":80\"]}}", plainHost());
            assertTrue(m.contains("guests.web.ports: host port 127.0.0.1:" + port + " is already in use"), m);
        }
    }

    @Test
    void refusesOneHostPortForwardedBySeveralGuestsOfACount() throws IOException {
        String m = refusal("guests: {w: {kind: system, count: 2, ports: [\"127.0.0.1:18080:80\"]}}", plainHost());
        assertTrue(m.contains("is forwarded by two guests (count makes several of w)"), m);
    }

    @Test
    void refusesAMissingCloudConfig() throws IOException {
        String m = refusal("guests: {web: {cloud-config: nope.yaml}}", plainHost());
        assertTrue(m.contains("guests.web.cloud-config: reading cloud-config failed: ") && m.contains("nope.yaml does not exist"), m);
    }

    @Test
    void refusesACloudConfigThatIsNotOne() throws IOException {
        Files.writeString(dir.resolve("setup.sh"), "#!/bin/sh\necho hi\n");
        String m = refusal("guests: {web: {cloud-config: setup.sh}}", plainHost());
        assertTrue(m.contains("does not start with '#cloud-config'"), m);
    }

    @Test
    void refusesAPrivateKeyGivenAsSshKey() throws IOException {
        Files.writeString(dir.resolve("id_ed25519"), "-----BEGIN OPENSSH PRIVATE KEY-----\n");
        String m = refusal("guests: {web: {ssh-keys: [id_ed25519]}}", plainHost());
        assertTrue(m.contains("is not an OpenSSH public key; try the .pub file, never the private key"), m);
    }

    @Test
    void readsTheHostsRouteTable() {
        List<Subnet> routes = HostLabFacts.parseRoutes(List.of(
                "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT",
                "eth0\t00000000\t0100A8C0\t0003\t0\t0\t0\t00000000\t0\t0\t0",
                "eth0\t0000A8C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0",
                "virbr0\t007AA8C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0"));
        assertTrue(routes.equals(List.of(Subnet.parse("192.168.0.0/24").orElseThrow(), Subnet.parse("192.168.122.0/24").orElseThrow())),
                routes.toString());
    }
}
