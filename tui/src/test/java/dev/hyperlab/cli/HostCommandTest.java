package dev.hyperlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.config.HyperlabConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code hyperlab host ...} and {@code --host} against libvirt's in-process test driver: each
 * {@code test:///FILE.xml} URI is a host of its own with the domains that file defines.
 */
@DisplayName("hyperlab host add|list|rm|default, --host and list --all-hosts")
class HostCommandTest {
    @TempDir Path dir;
    final Map<String, String> env = new HashMap<>(Map.of("HYPERLAB_CONNECT", "test:///default"));
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine cl = Cli.create(new HyperlabConfig.Locations(env, dir.resolve("config/hyperlab/config.yaml"),
                dir.resolve("etc/config.yaml")));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    /** A test-driver host whose only domain is {@code domain}. */
    String host(String domain) throws Exception {
        Path xml = dir.resolve(domain + ".xml");
        Files.writeString(xml, "<node><domain type='test'><name>" + domain + "</name><memory>524288</memory>"
                + "<os><type>hvm</type></os></domain></node>");
        return "test://" + xml;
    }

    @Test
    @DisplayName("a host is checked when added, listed with its version, used with --host, made default and removed")
    void lifecycle() throws Exception {
        String alpha = host("alpha");
        assertEquals(Cli.OK, run("host", "add", "lab2", alpha), err.toString());
        assertTrue(out.toString().contains("lab2 answers:") && out.toString().contains("added host lab2"), out.toString());
        Path file = dir.resolve("config/hyperlab/hosts.yaml");
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));

        assertEquals(Cli.OK, run("host", "list"));
        String list = out.toString();
        assertTrue(list.lines().anyMatch(l -> l.matches("local\\s+\\*\\s+test:///default\\s+up\\s+\\S+\\s+tcg")), list);
        assertTrue(list.lines().anyMatch(l -> l.matches("lab2\\s+test://\\S+\\s+up\\s+.*")), list);

        assertEquals(Cli.OK, run("vm", "list", "-a", "--host", "lab2", "-q"), err.toString());
        assertEquals("alpha", out.toString().strip(), "--host picks the host");
        assertEquals(Cli.OK, run("vm", "list", "-a", "-q"));
        assertEquals("test", out.toString().strip(), "local by default: test:///default has one domain, 'test'");

        assertEquals(Cli.OK, run("host", "default", "lab2"));
        assertEquals(Cli.OK, run("vm", "list", "-a", "-q"));
        assertEquals("alpha", out.toString().strip(), "the default host without --host");
        assertEquals(Cli.OK, run("vm", "list", "-a", "-q", "--connect", "test:///default"));
        assertEquals("test", out.toString().strip(), "--connect over the default");

        assertEquals(Cli.OK, run("host", "rm", "lab2"));
        assertTrue(out.toString().contains("the default is 'local' again"), out.toString());
        assertEquals(Cli.OK, run("host", "default"));
        assertEquals("local", out.toString().strip());
    }

    @Test
    @DisplayName("list --all-hosts: one table with a HOST column; a host that is down is a warning and exit 1")
    void allHosts() throws Exception {
        assertEquals(Cli.OK, run("host", "add", "lab2", host("alpha")));
        assertEquals(Cli.OK, run("host", "add", "lab3", host("beta")));
        assertEquals(Cli.OK, run("host", "add", "gone", "qemu+tcp://127.0.0.1:1/system", "--no-check"));
        int rc = run("list", "--all-hosts");
        String table = out.toString();
        assertTrue(table.startsWith("HOST"), table);
        assertTrue(table.lines().anyMatch(l -> l.matches("local\\s+vm\\s+test\\s+running.*")), table);
        assertTrue(table.lines().anyMatch(l -> l.matches("lab2\\s+vm\\s+alpha\\s+.*")), table);
        assertTrue(table.lines().anyMatch(l -> l.matches("lab3\\s+vm\\s+beta\\s+.*")), table);
        assertEquals(Cli.FAILURE, rc);
        assertTrue(err.toString().contains("warning: host gone (qemu+tcp://127.0.0.1:1/system):"), err.toString());
        assertEquals(Cli.FAILURE, run("list", "--all-hosts", "--json"));
        assertTrue(out.toString().contains("\"host\" : \"lab3\""), out.toString());
    }

    @Test
    @DisplayName("refusals come before anything is written: bad names and URIs, unknown and unreachable hosts")
    void refusals() throws Exception {
        assertEquals(Cli.USAGE, run("host", "add", "Lab2", "qemu:///system"));
        assertEquals(Cli.USAGE, run("host", "add", "lab2", "qemu+pigeon://h/system"));
        assertTrue(err.toString().contains("unknown transport 'pigeon'"), err.toString());
        assertEquals(Cli.FAILURE, run("host", "add", "lab2", "qemu+tcp://127.0.0.1:1/system"));
        assertTrue(err.toString().contains("does not answer") && err.toString().contains("listen_tcp"), err.toString());
        assertFalse(Files.exists(dir.resolve("config/hyperlab/hosts.yaml")), "nothing written");
        assertEquals(Cli.FAILURE, run("vm", "list", "--host", "lab7"));
        assertTrue(err.toString().contains("no host named 'lab7' (hosts: local)"), err.toString());
        assertEquals(Cli.USAGE, run("host", "rm", "local"));
        assertEquals(Cli.OK, run("host", "add", "far", "qemu+tcp://127.0.0.1:1/system", "--no-check"));
        assertEquals(Cli.USAGE, run("ct", "list", "--host", "far"), "containers are this machine's engine's");
        assertTrue(err.toString().contains("CONTAINER_HOST=ssh://"), err.toString());
        assertEquals(Cli.USAGE, run("compare", "--host", "far"));
        assertEquals(Cli.USAGE, run("vm", "list", "--connect", "not a uri"));
    }
}
