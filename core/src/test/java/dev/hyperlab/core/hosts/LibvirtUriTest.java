package dev.hyperlab.core.hosts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.hyperlab.core.Gens;
import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("libvirt URIs and host names are checked before hyperlab keeps or uses them")
class LibvirtUriTest {
    static final UriAliases ALIASES = new UriAliases(Map.of("hail", "qemu+ssh://root@hail.example.com/system"));

    @ParameterizedTest
    @ValueSource(strings = {"qemu:///system", "qemu:///session", "test:///default", "qemu+ssh://root@lab2/system",
            "qemu+tcp://127.0.0.1:16510/system", "qemu+tls://lab2.example.com/system",
            "qemu+ssh://me@[::1]:2222/system?keyfile=/home/me/.ssh/id_ed25519&no_verify=1",
            "qemu+unix:///system?socket=/run/libvirt/libvirt-sock", "test:///tmp/hosts/three.xml"})
    @DisplayName("the forms virsh -c takes are accepted as written")
    void accepted(String uri) {
        assertEquals(uri, LibvirtUri.parse(uri, UriAliases.NONE).uri());
    }

    @Test
    @DisplayName("a remote URI says where it goes and how")
    void parts() {
        LibvirtUri u = LibvirtUri.parse("qemu+ssh://root@lab2.example.com:2222/system", UriAliases.NONE);
        assertEquals("qemu", u.driver());
        assertEquals(Optional.of("ssh"), u.transport());
        assertEquals(Optional.of("root"), u.user());
        assertEquals(Optional.of("lab2.example.com"), u.host());
        assertEquals(Optional.of(2222), u.port());
        assertTrue(u.remote());
        assertFalse(u.loopback());
        assertTrue(u.unreachableHint().contains("ssh root@lab2.example.com"), u.unreachableHint());
        LibvirtUri local = LibvirtUri.parse("qemu:///system", UriAliases.NONE);
        assertFalse(local.remote());
        assertTrue(local.loopback());
        LibvirtUri second = LibvirtUri.parse("qemu+tcp://127.0.0.1:16510/system", UriAliases.NONE);
        assertTrue(second.remote(), "another daemon over TCP is another host, even on loopback");
        assertTrue(second.loopback(), "…whose forwarded ports this machine still reaches");
        assertTrue(second.unreachableHint().contains("listen_tcp"), second.unreachableHint());
        assertEquals(Optional.of("tls"), LibvirtUri.parse("qemu://lab2/system", UriAliases.NONE).transport(),
                "libvirt's default transport for a host");
    }

    @Test
    @DisplayName("one of libvirt's uri_aliases is accepted and kept as the alias")
    void aliases() {
        LibvirtUri u = LibvirtUri.parse("hail", ALIASES);
        assertEquals("hail", u.uri(), "libvirt resolves the alias itself");
        assertEquals(Optional.of("hail.example.com"), u.host());
        HyperlabException e = assertThrows(HyperlabException.class, () -> LibvirtUri.parse("sleet", ALIASES));
        assertEquals(ErrorCode.BAD_INPUT, e.code());
        assertTrue(e.getMessage().contains("neither a libvirt URI nor one of libvirt's uri_aliases (hail)"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "qemu+foo://h/system", "qemu+ssh://h/nosuch", "qemu+ssh://h:99999/system",
            "qemu+ssh://bad_host!/system", "qemu:///system; rm -rf /", "qemu://:16509/system", "QEMU:///system",
            "qemu+ssh://-lab/system", "qemu+ssh://h/system#frag"})
    @DisplayName("a malformed URI is refused in one line naming what is wrong")
    void refused(String uri) {
        HyperlabException e = assertThrows(HyperlabException.class, () -> LibvirtUri.parse(uri, UriAliases.NONE));
        assertEquals(ErrorCode.BAD_INPUT, e.code());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    @DisplayName("no string makes the parsers throw anything but a HyperlabException with a message")
    void properties() {
        qt().withExamples(2000).forAll(Gens.of("qemu+sshtcp:/@[]:.?&=-_ 1l\u0000\n", 0, 40)).checkAssert(s -> {
            try {
                LibvirtUri.parse(s, ALIASES);
            } catch (HyperlabException e) {
                assertFalse(e.getMessage().isBlank());
            }
            try {
                HostName.check(s);
            } catch (HyperlabException e) {
                assertFalse(e.getMessage().contains("\n"), "control characters are not echoed");
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "lab2", "a", "rack-3-node-12"})
    void hostNames(String name) {
        assertEquals(name, HostName.check(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Lab2", "2lab", "lab-", "lab_2", "lab.2", "a-very-long-host-name-of-more-than-32"})
    void badHostNames(String name) {
        assertEquals(ErrorCode.BAD_INPUT, assertThrows(HyperlabException.class, () -> HostName.check(name)).code());
    }
}
