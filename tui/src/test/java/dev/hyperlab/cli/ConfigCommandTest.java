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

@DisplayName("hyperlab config and the defaults commands take from it")
class ConfigCommandTest {
    @TempDir Path dir;
    final Map<String, String> env = new HashMap<>();
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    Path user() { return dir.resolve("home/.config/hyperlab/config.yaml"); }

    Path system() { return dir.resolve("etc/hyperlab/config.yaml"); }

    int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine cl = Cli.create(new HyperlabConfig.Locations(env, user(), system()));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    @DisplayName("set writes the user file; get and list --origin say where each value came from")
    void setGetListWithOrigins() throws Exception {
        Files.createDirectories(system().getParent());
        Files.writeString(system(), "cpus: 4\n");
        assertEquals(Cli.OK, run("config", "set", "memory", "2G"));
        assertEquals("memory: 2G\n", Files.readString(user()));
        assertEquals(Cli.OK, run("config", "get", "memory"));
        assertEquals("2G", out.toString().strip());
        assertEquals(Cli.OK, run("config", "list", "--origin"));
        String list = out.toString();
        assertTrue(list.contains("file:" + user() + ":1\tmemory=2G"), list);
        assertTrue(list.contains("file:" + system() + ":1\tcpus=4"), list);
        assertTrue(list.contains("built-in\timage=debian-12"), list);
        env.put("HYPERLAB_MEMORY", "3G");
        assertEquals(Cli.OK, run("config", "get", "--origin", "memory"));
        assertEquals("env:HYPERLAB_MEMORY\t3G", out.toString().strip());
    }

    @Test
    @DisplayName("a bad key or value is refused with exit 2 and what is allowed, and the file keeps its bytes")
    void refusals() throws Exception {
        run("config", "set", "memory", "2G");
        assertEquals(Cli.USAGE, run("config", "set", "memroy", "4G"));
        assertTrue(err.toString().contains("unknown key 'memroy'; allowed keys: image, cpus, memory"), err.toString());
        assertEquals(Cli.USAGE, run("config", "set", "cpus", "many"));
        assertTrue(err.toString().contains("allowed: a whole number from 1 to 256"), err.toString());
        assertEquals(Cli.USAGE, run("config", "set", "memory", "1G", "2G"));
        assertEquals("memory: 2G\n", Files.readString(user()));
    }

    @Test
    @DisplayName("a broken file names its line, and unset mends it")
    void brokenFileIsNamedAndMended() throws Exception {
        Files.createDirectories(user().getParent());
        Files.writeString(user(), "memory: 2G\nmemroy: 4G\n");
        assertEquals(Cli.USAGE, run("config", "list"));
        assertTrue(err.toString().contains(user() + " line 2: unknown key 'memroy'"), err.toString());
        assertEquals(Cli.USAGE, run("vm", "create", "--help"), "a command that takes defaults stops too");
        assertTrue(err.toString().startsWith("error: config failed: " + user() + " line 2: unknown key 'memroy'; allowed keys:"),
                err.toString());
        assertEquals(Cli.OK, run("config", "unset", "memroy"));
        assertEquals("memory: 2G\n", Files.readString(user()));
        assertEquals(Cli.OK, run("config", "unset", "memory"));
        assertEquals(Cli.FAILURE, run("config", "get", "user"), "nothing sets user: exit 1, as git config does");
    }

    @Test
    @DisplayName("vm create and ct create show the configured defaults in --help; flags still win")
    void createTakesDefaults() throws Exception {
        // (the file, the environment and built-in; the flag's turn is at the end)
        run("config", "set", "memory", "2G");
        run("config", "set", "image", "ubuntu-noble");
        env.put("HYPERLAB_CPUS", "3");
        assertEquals(Cli.OK, run("vm", "create", "--help"));
        String help = out.toString().replaceAll("\\s+", " ");
        assertTrue(help.contains("(default: 2G)"), help);
        assertTrue(help.contains("(default: 3)"), help);
        assertTrue(help.contains("(default: ubuntu-noble)"), help);
        assertEquals(Cli.OK, run("ct", "create", "--help"));
        String ctHelp = out.toString().replaceAll("\\s+", " ");
        assertTrue(ctHelp.contains("(default: ubuntu-noble)"), ctHelp);
        assertFalse(ctHelp.contains("(default: 2G)"), "a container gets no memory limit from the VM size");

        HyperlabCommand root = new HyperlabCommand(new HyperlabConfig.Locations(env, user(), system()));
        CommandLine cl = new CommandLine(root);
        cl.setDefaultValueProvider(new ConfigDefaults(root.locations));
        CommandLine.ParseResult pr = cl.parseArgs("vm", "create", "web-1", "--memory", "512M");
        CommandLine.ParseResult create = pr.subcommand().subcommand();
        assertEquals("512M", create.matchedOptionValue("--memory", ""), "the flag wins over the file");
        assertEquals(3, (int) create.commandSpec().findOption("--cpus").getValue(), "the environment over built-in");
        assertEquals("2G", cl.getDefaultValueProvider().defaultValue(create.commandSpec().findOption("--memory")));
    }
}
