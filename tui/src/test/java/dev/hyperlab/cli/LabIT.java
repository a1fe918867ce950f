package dev.hyperlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.security.SecureRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lab as a user brings it up, in the network sandbox (scripts/sandbox.sh: libvirtd, virtlogd and
 * the Podman API inside a network namespace this test creates, so the lab's private addresses exist
 * only there): one VM, two system containers and an app container on one network. Every guest
 * becomes ready; the VM and the containers reach each other by name, both ways; {@code hyperlab ssh}
 * runs a command in the VM and in a system container; a second {@code up} changes nothing; after
 * {@code down} no domain, volume, network, container or bridge of the lab is left. One TCG boot.
 */
class LabIT {
    private static final String NS = "hyperlab-sandbox";
    private static Path root;
    private final HyperlabProcess hyperlab = new HyperlabProcess();
    @TempDir Path dir;

    @BeforeAll
    static void sandbox() throws Exception {
        root = Shell.repositoryRoot();
        Shell.Result r = Shell.run(Duration.ofMinutes(2), root.resolve("scripts/sandbox.sh").toString(), "up");
        assertEquals(0, r.exit(), r.output());
    }

    @AfterAll
    static void leaveSandbox() throws Exception {
        Shell.Result r = Shell.run(Duration.ofMinutes(2), root.resolve("scripts/sandbox.sh").toString(), "down");
        assertEquals(0, r.exit(), r.output());
    }

    /** hyperlab inside the sandbox's network namespace: what reaches a VM's lab address must run there. */
    private Shell.Result inSandbox(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("nsenter", "--net=/run/netns/" + NS, "--",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                Path.of("target/hyperlab.jar").toAbsolutePath().toString()));
        cmd.addAll(List.of(args));
        return Shell.run(Duration.ofMinutes(2), cmd.toArray(String[]::new));
    }

    private HyperlabProcess.Result ok(String... args) throws Exception {
        HyperlabProcess.Result r = hyperlab.run(Duration.ofMinutes(15), Map.of(), inDir(args));
        assertEquals(0, r.exit(), String.join(" ", args) + ": " + r.both());
        return r;
    }

    /** Every lab command with -f pointing at this test's lab file. */
    private String[] inDir(String... args) {
        if (List.of("up", "down", "status").contains(args[0])) {
            String[] withFile = new String[args.length + 2];
            withFile[0] = args[0];
            withFile[1] = "-f";
            withFile[2] = dir.resolve("hyperlab.yaml").toString();
            System.arraycopy(args, 1, withFile, 3, args.length - 1);
            return withFile;
        }
        return args;
    }

    @Test
    @DisplayName("1 VM, 2 system containers and an app container on one network: up, reach each other by name, ssh, up again, down")
    void labUpReachSshDown() throws Exception {
        String lab = "hlit" + HexFormat.of().formatHex(new SecureRandom().generateSeed(2));
        String web = lab + "-web";
        String db = lab + "-db";
        String cache = lab + "-cache";
        String queue = lab + "-queue";
        Shell.Result key = Shell.run(Duration.ofSeconds(30), "ssh-keygen", "-q", "-t", "ed25519", "-N", "",
                "-f", dir.resolve("id").toString());
        assertEquals(0, key.exit(), key.output());
        Files.writeString(dir.resolve("hyperlab.yaml"), String.join("\n",
                "name: " + lab,
                "networks:",
                "  lan: {}",
                "guests:",
                "  " + web + ":",
                "    kind: vm",
                "    user: alice",
                "    ssh-keys: [id.pub]",
                "    networks: [lan]",
                "  " + db + ":",
                "    kind: system",
                "    user: alice",
                "    ssh-keys: [id.pub]",
                "    networks: [lan]",
                "  " + cache + ":",
                "    kind: system",
                "    networks: [lan]",
                "    depends-on: [" + db + "]",
                "  " + queue + ":",
                "    kind: app",
                "    command: [sleep, infinity]",
                "    networks: [lan]",
                ""));
        try {
            HyperlabProcess.Result up = ok("up");
            assertTrue(up.out().contains("lab " + lab + " is up in"), up.both());

            JsonNode status = new ObjectMapper().readTree(ok("status", "--json").out());
            assertEquals(lab, status.get("lab").asText());
            assertEquals(4, status.get("guests").size(), status.toString());
            for (JsonNode g : status.get("guests")) {
                assertEquals("ready", g.get("state").asText(), g.toString());
                assertTrue(g.get("addresses").get("lan").asText().startsWith("192.168."), g.toString());
                assertTrue(g.get("readySeconds").asDouble() > 0, g.toString());
            }

            // the VM reaches both system containers by name, and ssh runs a command in it
            String probe = "hostname; for h in %s; do timeout 5 bash -c \"exec 3<>/dev/tcp/$h/22; head -c 7 <&3\" && echo \" $h\"; done";
            Shell.Result fromVm = inSandbox("ssh", web, "-i", dir.resolve("id").toString(), "--",
                    String.format(probe, db + " " + cache));
            assertEquals(0, fromVm.exit(), fromVm.output());
            assertTrue(fromVm.output().contains(web + "\n"), fromVm.output());
            assertTrue(fromVm.output().contains("SSH-2.0 " + db) && fromVm.output().contains("SSH-2.0 " + cache), fromVm.output());

            // a system container reaches the VM by name, and ssh runs a command in it (as the lab's user)
            HyperlabProcess.Result fromDb = hyperlab.run(Duration.ofMinutes(2), Map.of(), "ssh", db, "-i",
                    dir.resolve("id").toString(), "--", "id -un; " + String.format(probe, web));
            assertEquals(0, fromDb.exit(), fromDb.both());
            assertTrue(fromDb.out().startsWith("alice\n" + db + "\n"), fromDb.both());
            assertTrue(fromDb.out().contains("SSH-2.0 " + web), fromDb.both());

            HyperlabProcess.Result again = ok("up");
            assertTrue(again.out().contains("is up as written: nothing changed"), again.both());
            assertTrue(ok("labs").out().contains(lab), "labs lists it");

            HyperlabProcess.Result down = ok("down");
            assertTrue(down.out().contains("lab " + lab + " is down"), down.both());
            assertNothingLeft(lab, List.of(web, db, cache, queue));
        } finally {
            hyperlab.run(Duration.ofMinutes(5), Map.of(), inDir("down"));
        }
    }

    private void assertNothingLeft(String lab, List<String> guests) throws Exception {
        String domains = Shell.run(Duration.ofSeconds(30), "virsh", "list", "--all", "--name").output();
        String volumes = Shell.run(Duration.ofSeconds(30), "virsh", "vol-list", "hyperlab").output();
        String networks = Shell.run(Duration.ofSeconds(30), "virsh", "net-list", "--all", "--name").output();
        String containers = Shell.run(Duration.ofSeconds(30), "podman", "ps", "-a", "--format", "{{.Names}}").output();
        String engineNets = Shell.run(Duration.ofSeconds(30), "podman", "network", "ls", "--format", "{{.Name}}").output();
        String links = Shell.run(Duration.ofSeconds(30), "ip", "netns", "exec", NS, "ip", "-o", "link").output();
        for (String g : guests) {
            assertFalse(domains.lines().anyMatch(g::equals), "domain " + g + " left:\n" + domains);
            assertFalse(volumes.contains(g + ".qcow2") || volumes.contains(g + "-seed.iso"), "volume of " + g + " left:\n" + volumes);
            assertFalse(containers.lines().anyMatch(g::equals), "container " + g + " left:\n" + containers);
        }
        assertFalse(networks.contains("hl-" + lab), networks);
        assertFalse(engineNets.contains("hl-" + lab), engineNets);
        assertFalse(links.contains(dev.hyperlab.core.labrun.LabResourceNames.bridge(lab, "lan")), links);
        assertFalse(Files.exists(Path.of("/var/lib/hyperlab/labs/" + lab + ".json")), "state file left");
    }
}
