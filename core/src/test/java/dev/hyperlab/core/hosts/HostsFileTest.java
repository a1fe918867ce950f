package dev.hyperlab.core.hosts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("hosts.yaml: the hosts a user added, and which one commands use")
class HostsFileTest {
    @TempDir Path dir;

    Hosts hosts() {
        return new Hosts(HostsFile.read(dir), "qemu:///system", new UriAliases(Map.of("hail", "qemu+ssh://root@hail/system")));
    }

    @Test
    @DisplayName("without a file there is one host, 'local', and it is the default")
    void localOnly() {
        Hosts h = hosts();
        assertEquals(List.of(new HostEntry("local", "qemu:///system")), h.all());
        assertEquals("local", h.defaultName());
        assertEquals("qemu:///system", h.forCommand(null, null).uri());
    }

    @Test
    @DisplayName("add, default and rm round-trip through a 0600 file; rm of the default falls back to local")
    void roundTrip() throws Exception {
        hosts().add("lab2", "qemu+ssh://root@lab2/system").write();
        hosts().add("lab3", "hail").write();
        hosts().makeDefault("lab2").write();
        Hosts h = hosts();
        assertEquals(List.of("local", "lab2", "lab3"), h.all().stream().map(HostEntry::name).toList());
        assertEquals("lab2", h.defaultName());
        assertEquals("qemu+ssh://root@lab2/system", h.forCommand(null, null).uri(), "the default without --host");
        assertEquals("hail", h.forCommand(null, "lab3").uri(), "--host over the default");
        assertEquals(new HostEntry("local", "qemu:///system"), h.forCommand("qemu:///system", "lab3"),
                "--connect over --host, named after the host that has that URI");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("hosts.yaml"))));
        hosts().remove("lab2").write();
        assertEquals("local", hosts().defaultName());
        assertEquals(List.of("local", "lab3"), hosts().all().stream().map(HostEntry::name).toList());
    }

    @Test
    @DisplayName("a host given only by --connect is named after its host part")
    void unnamedUri() {
        assertEquals("lab9", hosts().forCommand("qemu+ssh://root@lab9.example.com/system", null).name());
        assertEquals("remote", hosts().forCommand("qemu+tcp://127.0.0.1:16510/system", null).name());
        assertEquals("local", hosts().forCommand("test:///default", null).name());
    }

    @Test
    @DisplayName("refusals: local is built in, names and URIs are unique, unknown hosts are named with the known ones")
    void refusals() {
        assertEquals(ErrorCode.BAD_INPUT, assertThrows(HyperlabException.class,
                () -> hosts().add("local", "qemu+ssh://x/system")).code());
        hosts().add("lab2", "qemu+ssh://root@lab2/system").write();
        assertEquals(ErrorCode.CONFLICT, assertThrows(HyperlabException.class,
                () -> hosts().add("lab2", "qemu+ssh://root@other/system")).code());
        HyperlabException same = assertThrows(HyperlabException.class, () -> hosts().add("again", "qemu+ssh://root@lab2/system"));
        assertTrue(same.getMessage().contains("host 'lab2' has that URI already"), same.getMessage());
        HyperlabException unknown = assertThrows(HyperlabException.class, () -> hosts().forCommand(null, "lab7"));
        assertEquals(ErrorCode.NOT_FOUND, unknown.code());
        assertTrue(unknown.getMessage().contains("(hosts: local, lab2)"), unknown.getMessage());
        assertEquals(ErrorCode.BAD_INPUT, assertThrows(HyperlabException.class, () -> hosts().remove("local")).code());
        assertEquals(ErrorCode.BAD_INPUT, assertThrows(HyperlabException.class, () -> hosts().add("lab3", "qemu+ssh://h/nosuch")).code());
    }

    @Test
    @DisplayName("a broken file is refused with its path and what is wrong, and is never rewritten")
    void brokenFile() throws Exception {
        Path f = dir.resolve("hosts.yaml");
        for (String text : List.of("default: lab9\nhosts: {}\n", "hosts: [a, b]\n", "hosts:\n  Lab2: qemu:///system\n",
                "defualt: local\n", "hosts:\n  lab2:\n", "hosts: {lab2: x, lab2: y}\n", "- a\n", "hosts: {local: 'qemu:///system'}\n")) {
            Files.writeString(f, text);
            HyperlabException e = assertThrows(HyperlabException.class, () -> HostsFile.read(dir), text);
            assertEquals(ErrorCode.BAD_INPUT, e.code());
            assertTrue(e.getMessage().startsWith(f + " is not a valid hosts file: "), e.getMessage());
            assertEquals(text, Files.readString(f));
        }
    }

    @Test
    @DisplayName("libvirt.conf's uri_aliases are read as libvirt reads them; comments are not")
    void uriAliases() {
        UriAliases a = UriAliases.parse("""
                # uri_aliases = [ "old=qemu:///session" ]
                uri_aliases = [
                  "hail=qemu+ssh://root@hail.cloud.example.com/system",   # the first
                  "sleet=qemu+ssh://root@sleet.cloud.example.com/system",
                ]
                """);
        assertEquals(List.of("hail", "sleet"), a.all().keySet().stream().sorted().toList());
        assertEquals("qemu+ssh://root@sleet.cloud.example.com/system", a.resolve("sleet").orElseThrow());
        assertTrue(a.resolve("old").isEmpty());
        assertTrue(UriAliases.read(dir.resolve("nosuch.conf")).all().isEmpty());
    }
}
