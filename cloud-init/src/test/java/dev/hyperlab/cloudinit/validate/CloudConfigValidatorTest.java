package dev.hyperlab.cloudinit.validate;

import static org.junit.jupiter.api.Assertions.*;

import dev.hyperlab.cloudinit.CloudInitException;
import dev.hyperlab.cloudinit.model.CloudConfig;
import dev.hyperlab.cloudinit.model.NetworkConfig;
import dev.hyperlab.cloudinit.model.User;
import dev.hyperlab.cloudinit.model.WriteFile;
import dev.hyperlab.cloudinit.render.CloudConfigParser;
import dev.hyperlab.cloudinit.render.CloudInitRenderer;
import java.util.List;
import org.junit.jupiter.api.Test;

class CloudConfigValidatorTest {

    private static CloudInitException refused(CloudConfig c) {
        CloudInitException e = assertThrows(CloudInitException.class, () -> new CloudInitRenderer().render(c));
        assertTrue(e.isBadInput());
        return e;
    }

    private static CloudConfig.Builder base() {
        return CloudConfig.builder().instanceId("v-1");
    }

    private static CloudConfig fromYaml(String yaml) {
        return base().base(CloudConfigParser.parse("#cloud-config\n" + yaml, "user.yaml")).build();
    }

    @Test
    void hostnamesFollowRfc1123() {
        for (String ok : List.of("web-1", "a", "x.example.org", "A1", "a".repeat(63))) {
            assertNull(Names.hostnameProblem(ok), ok);
        }
        for (String bad : List.of("", "-web", "web-", "we_b", "web..x", "a".repeat(64), "10.0.0.1", "héllo", "a b")) {
            assertNotNull(Names.hostnameProblem(bad), bad);
        }
        String m = refused(base().hostname("My_Server").build()).getMessage();
        assertTrue(m.contains("hostname 'My_Server' is not a valid host name (RFC 1123)") && m.contains("e.g. my-server"), m);
    }

    @Test
    void userNamesAreChecked() {
        String m = refused(base().user(User.named("Alice Smith")).build()).getMessage();
        assertTrue(m.contains("user name 'Alice Smith' is invalid") && m.contains("e.g. 'alicesmith'"), m);
        assertTrue(refused(base().user(User.named("1abc")).build()).getMessage().contains("starting with a letter"));
        assertDoesNotThrow(() -> new CloudInitRenderer().render(base().user(User.named("_svc-1")).build()));
    }

    @Test
    void writeFilesPathsAndModes() {
        String m = refused(base().writeFile(WriteFile.of("etc/motd", "x")).build()).getMessage();
        assertTrue(m.contains("write_files path 'etc/motd' is relative; use an absolute path such as /etc/motd"), m);
        assertTrue(refused(base().writeFile(WriteFile.of("/etc/../x", "x")).build()).getMessage().contains("'..'"));
        String mode = refused(base().writeFile(WriteFile.of("/x", "x").withPermissions("rwxr-xr-x")).build()).getMessage();
        assertTrue(mode.contains("permissions 'rwxr-xr-x' is not an octal file mode") && mode.contains("'0644'"), mode);
        assertTrue(refused(base().writeFile(WriteFile.of("/x", "x").withPermissions("0999")).build())
                .getMessage().contains("octal"));
        assertTrue(refused(base().writeFile(WriteFile.of("/x", "x").withOwner("root:root:x")).build())
                .getMessage().contains("owner"));
    }

    @Test
    void unknownTopLevelKeysGetDidYouMean() {
        assertTrue(refused(fromYaml("packges: [curl]\n")).getMessage()
                .contains("unknown top-level key 'packges'; did you mean 'packages'?"));
        assertTrue(refused(fromYaml("run_cmd: [ls]\n")).getMessage().contains("did you mean 'runcmd'?"));
        assertTrue(refused(fromYaml("writefiles: []\n")).getMessage().contains("did you mean 'write_files'?"));
        assertTrue(refused(fromYaml("zzqqxx: 1\n")).getMessage().contains("check its spelling"));
    }

    @Test
    void plainTextPasswordsAreRefused() {
        assertTrue(refused(fromYaml("users:\n  - name: a\n    passwd: hunter2\n")).getMessage().contains("plain password"));
        assertTrue(refused(fromYaml("users:\n  - name: a\n    plain_text_passwd: hunter2\n")).getMessage()
                .contains("plain passwords are not accepted"));
        assertTrue(refused(base().user(User.named("a").withPasswordHash("$6$short$x")).build()).getMessage()
                .contains("malformed SHA-512"));
    }

    @Test
    void timezoneAndKeysAndCommands() {
        assertTrue(refused(base().timezone("Europe/Pari").build()).getMessage().contains("did you mean 'Europe/Paris'?"));
        assertTrue(refused(base().sshAuthorizedKey("not a key").build()).getMessage().contains("not an OpenSSH public key"));
        assertTrue(refused(fromYaml("runcmd:\n  - 42\n")).getMessage().contains("quote it"));
        assertTrue(refused(fromYaml("ssh_genkeytypes: [dsa2]\n")).getMessage().contains("ed25519"));
    }

    @Test
    void networkProblems() {
        String m = refused(base().network(NetworkConfig.staticAddresses("enp1s0", List.of("192.0.2.300/24", "10.0.0.1"),
                "gw", List.of("dns.example"))).build()).getMessage();
        assertTrue(m.contains("'192.0.2.300/24' is not in CIDR form"), m);
        assertTrue(m.contains("'10.0.0.1' is not in CIDR form"), m);
        assertTrue(m.contains("gateway4 'gw' is not an IPv4 address"), m);
        assertTrue(m.contains("nameserver 'dns.example' is not an IP address"), m);
        assertTrue(refused(base().network(NetworkConfig.dhcp("this-name-is-way-too-long")).build())
                .getMessage().contains("interface name"));
    }

    @Test
    void allProblemsAreReportedAtOnce() {
        CloudInitException e = refused(base().hostname("-x").user(User.named("Bad")).writeFile(WriteFile.of("rel", "x")).build());
        assertEquals(3, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().startsWith("cloud-init config is invalid (3 problems):"), e.getMessage());
    }

    @Test
    void badInstanceIdIsBadInputNotACrash() {
        assertTrue(refused(CloudConfig.builder().instanceId("bad id; reboot").build()).getMessage()
                .contains("instance-id 'bad id; reboot' is invalid"));
    }

    @Test
    void suggestionDistance() {
        assertEquals(1, Suggestions.distance("packges", "packages"));
        assertEquals(1, Suggestions.distance("rnucmd", "runcmd"));
        assertTrue(Suggestions.closest("zzz", List.of("runcmd")).isEmpty());
    }
}
