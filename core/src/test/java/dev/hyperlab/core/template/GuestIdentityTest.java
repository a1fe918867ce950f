package dev.hyperlab.core.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The script that makes a restored clone a machine of its own. */
class GuestIdentityTest {
    private static final String MID = "0123456789abcdef0123456789abcdef";
    @TempDir Path tmp;

    private static GuestIdentity identity(Optional<String> user, List<String> runcmd, Map<String, String> keys) {
        return new GuestIdentity("web-1", user, List.of("ssh-ed25519 AAAA it's-me@laptop"), runcmd, "debian",
                "echo hyperlab-ready iid-1 > /dev/console", keys, MID);
    }

    @Test
    @DisplayName("the script is valid POSIX shell, with quotes in keys and commands kept literal")
    void scriptParses() throws Exception {
        String s = identity(Optional.of("alice"), List.of("echo 'it''s' > /srv/x", "false"),
                Map.of("ssh_host_ed25519_key", "-----BEGIN-----\nsecret'quote\n-----END-----")).script();
        Path f = tmp.resolve("identity.sh");
        Files.writeString(f, s, StandardCharsets.UTF_8);
        Process p = new ProcessBuilder("sh", "-n", f.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out + "\n" + s);
        assertTrue(s.contains("'ssh-ed25519 AAAA it'\\''s-me@laptop'"), s);
    }

    @Test
    @DisplayName("identity first under set -e, then the user's commands whatever they return, the readiness marker last")
    void order() {
        String s = identity(Optional.of("alice"), List.of("touch /a", "touch /b"), Map.of()).script();
        int hostname = s.indexOf("echo \"$h\" > /proc/sys/kernel/hostname");
        int machineId = s.indexOf("echo " + MID + " > /etc/machine-id");
        int keys = s.indexOf("ssh-keygen -A");
        int user = s.indexOf("useradd -m -s /bin/bash -G sudo \"$u\"");
        int lenient = s.indexOf("set +e");
        int first = s.indexOf("sh -c 'touch /a'");
        int second = s.indexOf("sh -c 'touch /b'");
        int marker = s.indexOf("hyperlab-ready iid-1");
        assertTrue(s.startsWith("set -e\n"), s);
        for (int i : List.of(hostname, machineId, keys, user, lenient, first, second, marker)) {
            assertTrue(i > 0, s);
        }
        assertTrue(hostname < lenient && machineId < lenient && keys < lenient && user < lenient, s);
        assertTrue(lenient < first && first < second && second < marker, s);
        assertTrue(s.stripTrailing().endsWith("echo hyperlab-ready iid-1 > /dev/console"), s);
    }

    @Test
    @DisplayName("without --user the image's default user gets the keys, and no account or sudo rule is made")
    void defaultUser() {
        String s = identity(Optional.empty(), List.of(), Map.of()).script();
        assertTrue(s.contains("u='debian'"), s);
        assertFalse(s.contains("useradd"), s);
        assertFalse(s.contains("sudoers"), s);
        assertTrue(s.contains("authorized_keys"), s);
    }

    @Test
    @DisplayName("host keys made on the host replace ssh-keygen in the guest, and never appear in toString")
    void hostKeysAreWrittenNotLogged() {
        GuestIdentity g = identity(Optional.empty(), List.of(), Map.of("ssh_host_rsa_key", "PRIVATE-KEY-BYTES",
                "ssh_host_rsa_key.pub", "ssh-rsa AAAA root@web-1"));
        assertFalse(g.script().contains("ssh-keygen"), g.script());
        assertTrue(g.script().contains("'PRIVATE-KEY-BYTES' > /etc/ssh/ssh_host_rsa_key"), g.script());
        assertTrue(g.script().contains("(umask 077"), "private keys are written 0600");
        assertFalse(g.toString().contains("PRIVATE"), g.toString());
    }

    @Test
    @DisplayName("without a login to make, the identity starts no program: each costs 50-200 ms in a restored TCG guest")
    void builtinsOnly() {
        String s = new GuestIdentity("web-1", Optional.empty(), List.of(), List.of(), "debian", "true",
                Map.of("ssh_host_rsa_key", "K", "ssh_host_rsa_key.pub", "P"), MID).script();
        for (String program : List.of("hostname \"", "grep ", "sed ", "cp ", "chmod ", "mv ", "cat ", "getent ", "cut ", "$(id ")) {
            assertFalse(s.contains(program), program + "in\n" + s);
        }
        assertTrue(s.contains("(umask 022\nprintf '%s\\n' 'P' > /etc/ssh/ssh_host_rsa_key.pub\n)"), "public keys 0644 when new\n" + s);
    }

    @Test
    @DisplayName("the 127.0.1.1 line becomes the clone's name, other lines stay byte for byte; none: one is appended")
    void hostsFile() throws Exception {
        assertEquals("127.0.0.1 localhost\n127.0.1.1 web-1\n127.0.1.10 other\n::1 localhost ip6-localhost\n",
                rewriteHosts("127.0.0.1 localhost\n127.0.1.1 debian\ttemplate\n127.0.1.10 other\n127.0.1.1 again\n"
                        + "::1 localhost ip6-localhost\n"));
        assertEquals("127.0.0.1 localhost\n127.0.1.1 web-1\n", rewriteHosts("127.0.0.1 localhost"));
        assertEquals("127.0.1.1 web-1\n", rewriteHosts(""));
    }

    private String rewriteHosts(String before) throws Exception {
        Path hosts = tmp.resolve("hosts");
        Files.writeString(hosts, before, StandardCharsets.UTF_8);
        assertEquals("", sh("set -e\nh=web-1\n" + GuestIdentity.hostsLine(hosts.toString())));
        return Files.readString(hosts, StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("a user's home and group come from /etc/passwd, read by the shell; an unknown user is not found")
    void passwdLookup() throws Exception {
        assertEquals("0 /root\n", sh("u=root\n" + GuestIdentity.PASSWD_LOOKUP + "pw && echo \"$gid $home\""));
        assertEquals("none\n", sh("u=no-such-user-h4\n" + GuestIdentity.PASSWD_LOOKUP + "pw || echo none"));
    }

    @Test
    @DisplayName("the clock line sets the guest's UTC time to the nanosecond the host read")
    void clock() {
        assertEquals("date -u -s @1733300000.000000042 >/dev/null\n",
                GuestIdentity.clockLine(java.time.Instant.ofEpochSecond(1_733_300_000L, 42)));
    }

    private static String sh(String script) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out + "\n" + script);
        return out;
    }

    @Test
    void machineIdsAreFreshAndWellFormed() {
        String a = GuestIdentity.newMachineId();
        assertTrue(a.matches("[0-9a-f]{32}"), a);
        assertNotEquals(a, GuestIdentity.newMachineId());
        assertThrows(IllegalArgumentException.class, () -> new GuestIdentity("x", Optional.empty(), List.of(), List.of(),
                "debian", "true", Map.of(), "not-an-id"));
    }

    @Test
    @DisplayName("the host makes all three host key types, or says it cannot")
    void hostKeysFromTheHost() {
        Optional<Map<String, String>> keys = SshHostKeys.make("root@web-1");
        if (keys.isPresent()) { // hosts without ssh-keygen fall back to the guest (setup.sh installs openssh-client)
            assertEquals(6, keys.get().size(), keys.get().keySet().toString());
            assertTrue(keys.get().get("ssh_host_ed25519_key.pub").startsWith("ssh-ed25519 "));
            assertTrue(keys.get().get("ssh_host_rsa_key").contains("PRIVATE KEY"));
        }
    }

    @Test
    @DisplayName("a clone on a network takes its MAC, drops the template's MAC-keyed networkd file, and waits for a lease"
            + " before its user's commands; a clone on the user-mode NIC leaves the network alone")
    void nicOnANetwork() throws Exception {
        GuestIdentity plain = identity(Optional.empty(), List.of("echo hi"), Map.of());
        assertFalse(plain.script().contains("ip link"), plain.script());
        GuestIdentity onLan = new GuestIdentity("web-1", Optional.empty(), List.of(), List.of("echo hi"), "debian",
                "echo ready", Map.of(), GuestIdentity.newMachineId(), Optional.of(new CloneNic("52:54:00:01:02:03")));
        String s = onLan.script();
        assertTrue(s.contains("ip link set dev \"$i\" address 52:54:00:01:02:03\n"), s);
        assertTrue(s.contains("grep -qi '^MACAddress=' \"$f\" && rm -f \"$f\""), s);
        assertTrue(s.contains("Name=%s") && s.contains("DHCP=ipv4"), s);
        assertTrue(s.indexOf("systemctl restart systemd-networkd") < s.indexOf("set +e"), "a lease is part of the identity: " + s);
        assertTrue(s.indexOf("/etc/machine-id") < s.indexOf("ip link"), "networkd's DHCP client id comes from the new machine id");
        Path f = tmp.resolve("nic.sh");
        Files.writeString(f, s);
        Process p = new ProcessBuilder("sh", "-n", f.toString()).redirectErrorStream(true).start();
        assertEquals(0, p.waitFor(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        assertThrows(IllegalArgumentException.class, () -> new CloneNic("aa:bb:cc:dd:ee:ff"));
    }
}
