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
 * only there): one VM, two system containers and an app container on one network. The lab commands
 * run inside the sandbox's namespace too, as a user's run beside their libvirtd, so the lab's port
 * forwarder listens on that namespace's loopback. Every guest becomes ready; the VM's and a system
 * container's SSH answer on their forwarded loopback ports; the VM and the containers reach each
 * other by name, both ways; {@code hyperlab ssh} runs a command in the VM and in a system container;
 * a second {@code up} changes nothing and keeps the forwarder; changed ports restart only the
 * forwarder; after {@code down} no domain, volume, network, container, bridge, listening port or
 * forwarder of the lab is left. One TCG boot.
 */
class LabIT {
    /** The crash points of an up that need a lab network, so the sandbox: {@link CrashPointsIT} kills at the others. */
    static final List<dev.hyperlab.core.crash.Step> LAB_NETWORK_STEPS = List.of(dev.hyperlab.core.crash.Step.LAB_UP_NETWORK,
            dev.hyperlab.core.crash.Step.LAB_UP_ENGINE_NETWORK);
    private static final String NS = "hyperlab-sandbox";
    private static Path root;
    private final HyperlabProcess hyperlab = new HyperlabProcess();
    /** The lab commands, in the sandbox's network namespace: where libvirtd is, so where the lab's bridge is. */
    private final HyperlabProcess inNamespace = new HyperlabProcess(List.of("nsenter", "--net=/run/netns/" + NS, "--"));
    @TempDir Path dir;

    @BeforeAll
    static void sandbox() throws Exception {
        root = Shell.repositoryRoot();
        // up builds a missing default image, but inside the sandbox there is no Debian mirror to build from
        dev.hyperlab.images.build.DefaultImage.ensure(dev.hyperlab.images.store.ImageStore.openDefault(), p -> { });
        Shell.Result r = Shell.run(Duration.ofMinutes(2), root.resolve("scripts/sandbox.sh").toString(), "up");
        assertEquals(0, r.exit(), r.output());
    }

    @AfterAll
    static void leaveSandbox() throws Exception {
        Shell.Result r = Shell.run(Duration.ofMinutes(2), root.resolve("scripts/sandbox.sh").toString(), "down");
        assertEquals(0, r.exit(), r.output());
    }

    /** hyperlab inside the sandbox's network namespace: what reaches a VM's lab address must run there. */
    static Shell.Result inSandbox(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("nsenter", "--net=/run/netns/" + NS, "--",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                Path.of("target/hyperlab.jar").toAbsolutePath().toString()));
        cmd.addAll(List.of(args));
        return Shell.run(Duration.ofMinutes(2), cmd.toArray(String[]::new));
    }

    private HyperlabProcess.Result ok(String... args) throws Exception {
        HyperlabProcess.Result r = inNamespace.run(Duration.ofMinutes(15), Map.of(), inDir(args));
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
    @DisplayName("1 VM, 2 system containers and an app container on one network: up, forwarded ports, reach each other by name, ssh, up again, new ports, down")
    void labUpReachSshDown() throws Exception {
        String lab = "hlit" + HexFormat.of().formatHex(new SecureRandom().generateSeed(2));
        String web = lab + "-web";
        String db = lab + "-db";
        String cache = lab + "-cache";
        String queue = lab + "-queue";
        Shell.Result key = Shell.run(Duration.ofSeconds(30), "ssh-keygen", "-q", "-t", "ed25519", "-N", "",
                "-f", dir.resolve("id").toString());
        assertEquals(0, key.exit(), key.output());
        String labFile = String.join("\n",
                "name: " + lab,
                "networks:",
                "  lan: {}",
                "guests:",
                "  " + web + ":",
                "    kind: vm",
                "    user: alice",
                "    ssh-keys: [id.pub]",
                "    networks: [lan]",
                "    ports: ['127.0.0.1:2222:22']",
                "  " + db + ":",
                "    kind: system",
                "    user: alice",
                "    ssh-keys: [id.pub]",
                "    networks: [lan]",
                "    ports: ['127.0.0.1:2223:22']",
                "  " + cache + ":",
                "    kind: system",
                "    networks: [lan]",
                "    depends-on: [" + db + "]",
                "  " + queue + ":",
                "    kind: app",
                "    command: [sleep, infinity]",
                "    networks: [lan]",
                "");
        Files.writeString(dir.resolve("hyperlab.yaml"), labFile);
        try {
            HyperlabProcess.Result up = ok("up");
            assertTrue(up.out().contains("lab " + lab + " is up in"), up.both());
            assertTrue(up.out().lines().anyMatch(l -> l.matches("ports +forward +started +127\\.0\\.0\\.1:2222 -> " + web
                    + ":22, 127\\.0\\.0\\.1:2223 -> " + db + ":22 \\(pid [0-9]+\\)")), up.both());
            long forwarder = forwarderPid(lab);

            // the VM's SSH and the system container's answer on their loopback ports, in the namespace up ran in
            assertEquals("SSH-2.0", banner(2222));
            assertEquals("SSH-2.0", banner(2223));

            JsonNode status = new ObjectMapper().readTree(ok("status", "--json").out());
            assertEquals(lab, status.get("lab").asText());
            assertEquals(4, status.get("guests").size(), status.toString());
            for (JsonNode g : status.get("guests")) {
                assertEquals("ready", g.get("state").asText(), g.toString());
                assertTrue(g.get("addresses").get("lan").asText().startsWith("192.168."), g.toString());
                assertTrue(g.get("readySeconds").asDouble() > 0, g.toString());
                boolean forwarded = g.get("name").asText().equals(web) || g.get("name").asText().equals(db);
                assertEquals(forwarded ? 1 : 0, g.get("ports").size(), g.toString());
                assertEquals(forwarded ? "true" : "null", g.get("portsForwarded").toString(), g.toString());
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
            assertEquals(forwarder, forwarderPid(lab), "a second up keeps the forwarder");
            assertTrue(ok("labs").out().contains(lab), "labs lists it");

            // another port for the container: the forwarder is restarted, no guest is touched
            Files.writeString(dir.resolve("hyperlab.yaml"), labFile.replace("127.0.0.1:2223:22", "127.0.0.1:2224:22"));
            HyperlabProcess.Result moved = ok("up");
            assertTrue(moved.out().lines().anyMatch(l -> l.matches("ports +forward +restarted .*")), moved.both());
            assertTrue(moved.out().lines().filter(l -> l.startsWith(lab + "-")).allMatch(l -> l.contains(" unchanged ")),
                    moved.both());
            assertEquals("SSH-2.0", banner(2224));
            assertTrue(listening().stream().noneMatch(":2223"::equals), "2223 is let go: " + listening());
            long restarted = forwarderPid(lab);
            assertTrue(restarted != forwarder && !isForwarder(forwarder, lab), "the old forwarder ended");

            HyperlabProcess.Result down = ok("down");
            assertTrue(down.out().contains("lab " + lab + " is down"), down.both());
            assertTrue(down.out().contains("removed port forwarder (pid " + restarted + ")"), down.both());
            assertNothingLeft(lab, List.of(web, db, cache, queue));
            List<String> ports = listening();
            assertTrue(ports.stream().noneMatch(p -> p.equals(":2222") || p.equals(":2224")), "still listening: " + ports);
            assertFalse(isForwarder(restarted, lab), "forwarder " + restarted + " still runs");
            assertEquals("", Shell.run(Duration.ofSeconds(10), "pgrep", "-f", "__forward --data .* " + lab + "$").output().strip(),
                    "a forwarder of the lab still runs");
        } finally {
            inNamespace.run(Duration.ofMinutes(5), Map.of(), inDir("down"));
        }
    }

    @Test
    @DisplayName("up killed once its libvirt network, then its engine network, is made: down leaves nothing; up after the crash makes the lab whole")
    void upKilledAtItsNetworks() throws Exception {
        for (dev.hyperlab.core.crash.Step step : LAB_NETWORK_STEPS) {
            String lab = "hlcr" + HexFormat.of().formatHex(new SecureRandom().generateSeed(2));
            String app = lab + "-app";
            Files.writeString(dir.resolve("hyperlab.yaml"), String.join("\n",
                    "name: " + lab,
                    "networks:",
                    "  lan: {}",
                    "guests:",
                    "  " + app + ":",
                    "    kind: app",
                    "    command: [sleep, infinity]",
                    "    networks: [lan]",
                    ""));
            try {
                crash(step);
                ok("down");
                assertNothingLeft(lab, List.of(app));
                crash(step);
                ok("gc", "--prefix", lab);
                upAgainMakesWhole(inNamespace, dir.resolve("hyperlab.yaml"), step.id());
                ok("down");
                assertNothingLeft(lab, List.of(app));
            } finally {
                inNamespace.run(Duration.ofMinutes(5), Map.of(), inDir("down"));
            }
        }
    }

    private void crash(dev.hyperlab.core.crash.Step step) throws Exception {
        HyperlabProcess.Result r = inNamespace.run(Duration.ofMinutes(5),
                Map.of(dev.hyperlab.core.crash.CrashPoints.ENV, step.id()), inDir("up"));
        assertEquals(dev.hyperlab.core.crash.CrashPoints.EXIT_STATUS, r.exit(), step.id() + ": up did not halt there: " + r.both());
        assertTrue(r.err().contains("crash point " + step.id()), r.err());
    }

    /**
     * {@code up} of a lab an earlier up left half made (a crash) ends with exit 0, and {@code status}
     * then says every guest of the file is ready, and every forwarded port served.
     */
    static void upAgainMakesWhole(HyperlabProcess hyperlab, Path file, String what) throws Exception {
        HyperlabProcess.Result up = hyperlab.run(Duration.ofMinutes(10), Map.of(), "up", "-f", file.toString());
        assertEquals(0, up.exit(), what + ": up after the crash: " + up.both());
        HyperlabProcess.Result st = hyperlab.run(Duration.ofMinutes(2), Map.of(), "status", "-f", file.toString(), "--json");
        assertEquals(0, st.exit(), what + ": " + st.both());
        JsonNode guests = new ObjectMapper().readTree(st.out()).get("guests");
        assertEquals(dev.hyperlab.core.labfile.LabFileParser.read(file).guests().size(), guests.size(), what + ": " + st.out());
        for (JsonNode g : guests) {
            assertEquals("ready", g.get("state").asText(), what + ": " + g);
            assertTrue(g.get("portsForwarded").isNull() || g.get("portsForwarded").asBoolean(), what + ": " + g);
        }
    }

    /** The first 7 bytes a TCP port on the sandbox's loopback sends, as an SSH client would read them. */
    private static String banner(int port) throws Exception {
        Shell.Result r = Shell.run(Duration.ofSeconds(30), "nsenter", "--net=/run/netns/" + NS, "--", "timeout", "20", "bash",
                "-c", "exec 3<>/dev/tcp/127.0.0.1/" + port + "; head -c 7 <&3");
        assertEquals(0, r.exit(), "port " + port + ": " + r.output());
        return r.output();
    }

    /** The ports listening on the sandbox's 127.0.0.1, as ":PORT". */
    private static List<String> listening() throws Exception {
        Shell.Result r = Shell.run(Duration.ofSeconds(30), "nsenter", "--net=/run/netns/" + NS, "--", "ss", "-Hltn", "src",
                "127.0.0.1");
        assertEquals(0, r.exit(), r.output());
        return r.output().lines().map(l -> l.trim().split("\\s+")).filter(f -> f.length > 3)
                .map(f -> f[3].substring(f[3].lastIndexOf(':'))).toList();
    }

    private static long forwarderPid(String lab) throws Exception {
        Path pidFile = Path.of("/var/lib/hyperlab/labs/" + lab + ".forward.pid");
        assertTrue(Files.isRegularFile(pidFile), "no " + pidFile);
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(pidFile)));
        long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
        assertTrue(isForwarder(pid, lab), "pid " + pid + " is not the forwarder of " + lab);
        return pid;
    }

    private static boolean isForwarder(long pid, String lab) throws Exception {
        Path cmdline = Path.of("/proc/" + pid + "/cmdline");
        if (!Files.exists(cmdline)) {
            return false;
        }
        String c = Files.readString(cmdline).replace('\0', ' ').strip();
        return c.contains("__forward --data ") && c.endsWith(" " + lab);
    }

    static void assertNothingLeft(String lab, List<String> guests) throws Exception {
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
        assertFalse(Files.exists(Path.of("/var/lib/hyperlab/labs/" + lab + ".forward.pid")), "forwarder pid file left");
        assertFalse(Files.exists(Path.of("/var/lib/hyperlab/labs/" + lab + ".forward.log")), "forwarder log left");
    }
}
