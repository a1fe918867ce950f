package dev.hyperlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lab guest made as an instant clone ({@code template:}) beside a system container on one lab
 * network, in the network sandbox as {@link LabIT}: the template (the run's {@link SharedTemplate}) is
 * made first (outside the sandbox, as a user would: its NIC is the restricted user-mode one), then {@code up} restores a
 * clone of it onto the lab's network. Both become ready; the clone has its planned address and
 * reaches the container by name, the container the clone; a second {@code up} changes nothing;
 * after {@code down} nothing of the lab is left and the template is still there. No TCG boot of its
 * own when the template is made already.
 */
@org.junit.jupiter.api.extension.ExtendWith(SharedTemplate.class)
class LabCloneIT {
    private static final String NS = "hyperlab-sandbox";
    private static final String TEMPLATE = SharedTemplate.NAME;
    private static Path root;
    private final HyperlabProcess hyperlab = new HyperlabProcess();
    private final HyperlabProcess inNamespace = new HyperlabProcess(List.of("nsenter", "--net=/run/netns/" + NS, "--"));
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

    private HyperlabProcess.Result ok(String... args) throws Exception {
        String[] withFile = new String[args.length + 2];
        withFile[0] = args[0];
        withFile[1] = "-f";
        withFile[2] = dir.resolve("hyperlab.yaml").toString();
        System.arraycopy(args, 1, withFile, 3, args.length - 1);
        HyperlabProcess.Result r = inNamespace.run(Duration.ofMinutes(15), Map.of(), withFile);
        assertEquals(0, r.exit(), String.join(" ", args) + ": " + r.both());
        return r;
    }

    @Test
    @DisplayName("a clone VM and a system container on one network: both ready, reach each other by name, up again, down")
    void cloneAndContainer() throws Exception {
        String lab = "hlcl" + HexFormat.of().formatHex(new SecureRandom().generateSeed(2));
        String web = lab + "-web";
        String db = lab + "-db";
        Shell.Result key = Shell.run(Duration.ofSeconds(30), "ssh-keygen", "-q", "-t", "ed25519", "-N", "",
                "-f", dir.resolve("id").toString());
        assertEquals(0, key.exit(), key.output());
        Files.writeString(dir.resolve("hyperlab.yaml"), String.join("\n",
                "name: " + lab,
                "networks:",
                "  lan: {subnet: 192.168.231.0/24}",
                "guests:",
                "  " + web + ":",
                "    template: " + TEMPLATE,
                "    user: alice",
                "    ssh-keys: [id.pub]",
                "    networks: {lan: {ip: 192.168.231.20}}",
                "  " + db + ":",
                "    kind: system",
                "    user: alice",
                "    ssh-keys: [id.pub]",
                "    networks: [lan]",
                ""));
        try {
            HyperlabProcess.Result up = ok("up");
            assertTrue(up.out().contains("lab " + lab + " is up in"), up.both());

            JsonNode status = new ObjectMapper().readTree(ok("status", "--json").out());
            assertEquals(2, status.get("guests").size(), status.toString());
            for (JsonNode g : status.get("guests")) {
                assertEquals("ready", g.get("state").asText(), g.toString());
                boolean clone = g.get("name").asText().equals(web);
                assertEquals(clone ? TEMPLATE : null, g.get("template").isNull() ? null : g.get("template").asText(), g.toString());
                if (clone) {
                    assertEquals("192.168.231.20", g.get("addresses").get("lan").asText(), "the file's static address");
                }
            }

            // the clone has its own MAC and the planned address, and reaches the container by name
            String probe = "hostname; ip -4 -o addr show scope global; for h in %s; do timeout 5 bash -c"
                    + " \"exec 3<>/dev/tcp/$h/22; head -c 7 <&3\" && echo \" $h\"; done";
            Shell.Result fromVm = LabIT.inSandbox("ssh", web, "-i", dir.resolve("id").toString(), "--", String.format(probe, db));
            assertEquals(0, fromVm.exit(), fromVm.output());
            assertTrue(fromVm.output().startsWith(web + "\n"), fromVm.output());
            assertTrue(fromVm.output().contains("inet 192.168.231.20/24"), fromVm.output());
            assertTrue(fromVm.output().contains("SSH-2.0 " + db), fromVm.output());

            // the container reaches the clone by name
            HyperlabProcess.Result fromDb = hyperlab.run(Duration.ofMinutes(2), Map.of(), "ssh", db, "-i",
                    dir.resolve("id").toString(), "--", String.format(probe, web));
            assertEquals(0, fromDb.exit(), fromDb.both());
            assertTrue(fromDb.out().contains("SSH-2.0 " + web), fromDb.both());

            HyperlabProcess.Result again = ok("up");
            assertTrue(again.out().contains("is up as written: nothing changed"), again.both());

            HyperlabProcess.Result down = ok("down");
            assertTrue(down.out().contains("lab " + lab + " is down"), down.both());
            LabIT.assertNothingLeft(lab, List.of(web, db));
            HyperlabProcess.Result templates = hyperlab.run(Duration.ofMinutes(1), Map.of(), "vm", "template", "list");
            assertTrue(templates.out().contains(TEMPLATE), "the template is not the lab's: " + templates.both());
        } finally {
            inNamespace.run(Duration.ofMinutes(5), Map.of(), "down", "-f", dir.resolve("hyperlab.yaml").toString());
        }
    }
}
