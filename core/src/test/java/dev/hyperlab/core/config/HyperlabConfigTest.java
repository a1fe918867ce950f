package dev.hyperlab.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.error.HyperlabException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("config.yaml: environment over the user file over the system file over built-in, with origins")
class HyperlabConfigTest {
    @TempDir Path dir;
    final Map<String, String> env = new HashMap<>();

    Path user() { return dir.resolve("user/hyperlab/config.yaml"); }

    Path system() { return dir.resolve("etc/hyperlab/config.yaml"); }

    HyperlabConfig load() { return HyperlabConfig.load(new HyperlabConfig.Locations(env, user(), system())); }

    void write(Path p, String text) throws Exception {
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    @Test
    @DisplayName("with no files and no environment every key with a built-in value has it, marked built-in")
    void builtIns() {
        HyperlabConfig c = load();
        assertEquals("1G", c.get(ConfigKey.MEMORY).orElseThrow());
        assertEquals("debian-12", c.get(ConfigKey.IMAGE).orElseThrow());
        assertEquals("qemu:///system", c.get(ConfigKey.CONNECT).orElseThrow());
        assertEquals("built-in", c.lookup(ConfigKey.CPUS).orElseThrow().origin().toString());
        assertTrue(c.lookup(ConfigKey.USER).isEmpty(), "no built-in login user");
        assertTrue(c.lookup(ConfigKey.DISK).isEmpty(), "unset disk means the image's size");
    }

    @Test
    @DisplayName("each layer overrides the one below it, and --origin names the file and line or the variable")
    void precedenceAndOrigins() throws Exception {
        write(system(), "# site defaults\nmemory: 4G\ncpus: 4\nuser: ops\n");
        write(user(), "memory: 2G\n\nuser: me\n");
        env.put("HYPERLAB_USER", "ci");
        HyperlabConfig c = load();
        assertEquals("ci", c.get(ConfigKey.USER).orElseThrow());
        assertEquals("env:HYPERLAB_USER", c.lookup(ConfigKey.USER).orElseThrow().origin().toString());
        assertEquals("2G", c.get(ConfigKey.MEMORY).orElseThrow());
        assertEquals("file:" + user() + ":1", c.lookup(ConfigKey.MEMORY).orElseThrow().origin().toString());
        assertEquals("4", c.get(ConfigKey.CPUS).orElseThrow());
        assertEquals("file:" + system() + ":3", c.lookup(ConfigKey.CPUS).orElseThrow().origin().toString());
        assertEquals("built-in", c.lookup(ConfigKey.NETWORK).orElseThrow().origin().toString());
    }

    @Test
    @DisplayName("connect follows LIBVIRT_DEFAULT_URI and engine CONTAINER_HOST, as the tools themselves do")
    void toolVariables() throws Exception {
        write(user(), "connect: qemu+ssh://lab/system\nengine: docker\n");
        env.put("LIBVIRT_DEFAULT_URI", "test:///default");
        env.put("CONTAINER_HOST", "unix:///tmp/p.sock");
        HyperlabConfig c = load();
        assertEquals("test:///default", c.get(ConfigKey.CONNECT).orElseThrow());
        assertEquals("env:CONTAINER_HOST", c.lookup(ConfigKey.ENGINE).orElseThrow().origin().toString());
    }

    @Test
    @DisplayName("ssh-keys reads as a YAML list or comma separated")
    void keyLists() throws Exception {
        write(user(), "ssh-keys:\n  - ~/.ssh/a.pub\n  - /keys/b.pub\n");
        assertEquals(List.of("~/.ssh/a.pub", "/keys/b.pub"), load().lookup(ConfigKey.SSH_KEYS).orElseThrow().items());
        env.put("HYPERLAB_SSH_KEYS", "/x.pub, /y.pub");
        assertEquals(List.of("/x.pub", "/y.pub"), load().lookup(ConfigKey.SSH_KEYS).orElseThrow().items());
    }

    @Test
    @DisplayName("an unknown key in a file is refused with its file, line and the allowed keys")
    void unknownKeyInFile() throws Exception {
        write(user(), "memory: 2G\nmemroy: 4G\n");
        HyperlabException e = assertThrows(HyperlabException.class, this::load);
        assertTrue(e.isUsageError());
        assertTrue(e.getMessage().contains(user() + " line 2: unknown key 'memroy'"), e.getMessage());
        assertTrue(e.hint().contains("image, cpus, memory, disk, network, user, ssh-keys, connect, engine"), e.hint());
    }

    @Test
    @DisplayName("a bad value in a file is refused with its line and what is allowed")
    void badValueInFile() throws Exception {
        write(system(), "cpus: 2\n\nmemory: lots\n");
        HyperlabException e = assertThrows(HyperlabException.class, this::load);
        assertTrue(e.getMessage().contains(system() + " line 3: bad memory"), e.getMessage());
        assertTrue(e.hint().contains("a size such as 512M or 2G"), e.hint());
    }

    @Test
    @DisplayName("set keeps comments and other keys, replaces a key in place and unset removes a block list")
    void editsInPlace() throws Exception {
        write(user(), "# mine\nmemory: 2G\nssh-keys:\n  - /a.pub\n  - /b.pub\ncpus: 3\n");
        ConfigFile f = load().userFile().with(ConfigKey.MEMORY, "3G").with(ConfigKey.USER, "alice");
        f.save();
        assertEquals("# mine\nmemory: 3G\nssh-keys:\n  - /a.pub\n  - /b.pub\ncpus: 3\nuser: alice\n", Files.readString(user()));
        load().userFile().without("ssh-keys").save();
        assertEquals("# mine\nmemory: 3G\ncpus: 3\nuser: alice\n", Files.readString(user()));
        load().userFile().with(ConfigKey.SSH_KEYS, "/k 1.pub,/k2.pub").with(ConfigKey.CONNECT, "test:///default").save();
        HyperlabConfig c = load();
        assertEquals(List.of("/k 1.pub", "/k2.pub"), c.lookup(ConfigKey.SSH_KEYS).orElseThrow().items());
        assertEquals("test:///default", c.get(ConfigKey.CONNECT).orElseThrow());
    }

    @Test
    @DisplayName("a refused set writes nothing: the file keeps its bytes")
    void refusedSetWritesNothing() throws Exception {
        write(user(), "memory: 2G\n");
        for (String[] bad : new String[][] {{"cpus", "zero"}, {"cpus", "0"}, {"memory", "2 lots"}, {"network", "bad name!"},
                {"user", "Root"}, {"connect", "nope"}, {"engine", "lxc"}, {"ssh-keys", "/home/me/.ssh/id_ed25519"}}) {
            ConfigKey key = ConfigKey.of(bad[0]).orElseThrow();
            HyperlabException e = assertThrows(HyperlabException.class, () -> load().userFile().with(key, bad[1]).save(),
                    bad[0] + "=" + bad[1]);
            assertTrue(e.isUsageError());
            assertTrue(e.hint().startsWith("allowed: "), e.hint());
        }
        assertEquals("memory: 2G\n", Files.readString(user()));
        assertEquals(1, Files.list(user().getParent()).count(), "no temp file left");
    }

    @Test
    @DisplayName("values that YAML would read otherwise are quoted, and read back as written")
    void quoting() throws Exception {
        assertEquals("'no'", ConfigFile.yamlScalar("no"));
        assertEquals("qemu:///system", ConfigFile.yamlScalar("qemu:///system"));
        load().userFile().with(ConfigKey.NETWORK, "on").save();
        assertEquals("on", load().get(ConfigKey.NETWORK).orElseThrow());
        assertFalse(Files.readString(user()).contains("network: on\n"));
    }

    @Test
    @DisplayName("the user directory follows XDG_CONFIG_HOME, else ~/.config")
    void xdg() {
        assertEquals(Path.of("/x/cfg/hyperlab"), HyperlabConfig.Locations.userDir(Map.of("XDG_CONFIG_HOME", "/x/cfg"), "/home/me"));
        assertEquals(Path.of("/home/me/.config/hyperlab"), HyperlabConfig.Locations.userDir(Map.of(), "/home/me"));
        assertEquals(Path.of("/home/me/.config/hyperlab"),
                HyperlabConfig.Locations.userDir(Map.of("XDG_CONFIG_HOME", "relative"), "/home/me"), "relative paths are ignored, per the spec");
    }
}
