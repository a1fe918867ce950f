package dev.hyperlab.cloudinit.model;

import static org.junit.jupiter.api.Assertions.*;

import dev.hyperlab.cloudinit.CloudInitException;
import dev.hyperlab.cloudinit.SampleConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelTest {
    @TempDir Path tmp;

    @Test
    void passwordIsStoredOnlyAsSha512CryptHash() {
        User u = User.admin("alice").withPassword("s3cret pass".toCharArray());
        assertTrue(PasswordHash.isSha512Crypt(u.passwordHash()), u.passwordHash());
        assertFalse(u.passwordHash().contains("s3cret"));
        assertTrue(PasswordHash.matches("s3cret pass".toCharArray(), u.passwordHash()));
        assertFalse(PasswordHash.matches("other".toCharArray(), u.passwordHash()));
        assertFalse(u.toString().contains(u.passwordHash()), "toString must not leak the hash");
    }

    @Test
    void knownHashFromMkpasswdVerifies() {
        assertTrue(PasswordHash.isSha512Crypt(SampleConfigs.HASH_OF_SECRET));
        assertTrue(PasswordHash.matches("secret".toCharArray(), SampleConfigs.HASH_OF_SECRET));
        assertFalse(PasswordHash.isSha512Crypt("secret"));
        assertFalse(PasswordHash.isSha512Crypt("$1$abc$def"));
    }

    @Test
    void saltsDifferSoEqualPasswordsGiveDifferentHashes() {
        assertNotEquals(PasswordHash.sha512("x".toCharArray()), PasswordHash.sha512("x".toCharArray()));
    }

    @Test
    void instanceIdsAreFreshPerProvisioningAndValid() {
        String a = InstanceId.newFor("Web 1");
        String b = InstanceId.newFor("Web 1");
        assertNotEquals(a, b);
        assertTrue(a.matches("web-1-[0-9a-f]{12}"), a);
        assertTrue(InstanceId.isValid(a));
        assertTrue(InstanceId.newFor(null).startsWith("iid-"));
        assertFalse(InstanceId.isValid("has space"));
        assertFalse(InstanceId.isValid("quote'"));
    }

    @Test
    void builderDefaultsToFreshInstanceIdAndToBuilderKeepsIt() {
        CloudConfig c = CloudConfig.builder().hostname("db").build();
        assertTrue(c.instanceId().startsWith("db-"));
        assertEquals(c.instanceId(), c.toBuilder().build().instanceId());
        assertNotEquals(c.instanceId(), c.toBuilder().instanceId(null).build().instanceId(), "re-provisioning gets a new id");
    }

    @Test
    @SuppressWarnings("unchecked")
    void configIsImmutable() {
        CloudConfig c = SampleConfigs.full();
        assertThrows(UnsupportedOperationException.class, () -> c.runcmd().add("x"));
        assertThrows(UnsupportedOperationException.class, () -> c.users().clear());
        CloudConfig m = SampleConfigs.mergedWithUserConfig();
        assertThrows(UnsupportedOperationException.class, () -> m.base().put("x", 1));
        assertThrows(UnsupportedOperationException.class, () -> ((List<Object>) m.base().get("runcmd")).add("x"));
    }

    @Test
    void readinessMarkerLineCommandAndPatternAgree() {
        String id = "web-1-0123456789ab";
        assertEquals("hyperlab-ready web-1-0123456789ab", ReadinessMarker.lineFor(id));
        Matcher m = ReadinessMarker.pattern().matcher("[  96.1] cloud-init[512]: " + ReadinessMarker.lineFor(id) + "\r");
        assertTrue(m.find());
        assertEquals(id, m.group(1));
        String cmd = ReadinessMarker.command(id);
        assertTrue(cmd.contains(ReadinessMarker.lineFor(id)));
        assertTrue(cmd.contains(ReadinessMarker.FILE));
        assertTrue(cmd.contains("/dev/console"));
        assertThrows(IllegalArgumentException.class, () -> ReadinessMarker.lineFor("bad id; rm -rf /"));
    }

    @Test
    void theBuiltinMarkerWritesTheLineAndSucceedsWithoutAConsole(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws Exception {
        String id = "web-1-0123456789ab";
        String cmd = ReadinessMarker.builtinCommand(id);
        for (String program : java.util.List.of("mv ", "cat ", "tee ")) {
            assertFalse(cmd.contains(program), "shell builtins only: " + cmd);
        }
        java.nio.file.Path file = tmp.resolve("ready");
        Process p = new ProcessBuilder("sh", "-c", cmd.replace(ReadinessMarker.FILE, file.toString())
                .replace("/dev/console", tmp.resolve("no/console").toString())).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertEquals("", out, "an unwritable console is not an error");
        assertEquals(ReadinessMarker.lineFor(id) + "\n", java.nio.file.Files.readString(file));
    }

    @Test
    void sshKeysReadFromDirectorySortedAndPrivateKeysRefused() throws Exception {
        Files.writeString(tmp.resolve("b.pub"), SampleConfigs.KEY_RSA + "\n");
        Files.writeString(tmp.resolve("a.pub"), "# comment\n\n" + SampleConfigs.KEY_ED25519 + "\n");
        Files.writeString(tmp.resolve("id_ed25519"), "-----BEGIN OPENSSH PRIVATE KEY-----\n");
        assertEquals(List.of(SampleConfigs.KEY_ED25519, SampleConfigs.KEY_RSA), SshKeys.fromDirectory(tmp));
        assertEquals(List.of(), SshKeys.fromDirectory(tmp.resolve("missing")));
        CloudInitException e = assertThrows(CloudInitException.class, () -> SshKeys.fromFile(tmp.resolve("id_ed25519")));
        assertTrue(e.getMessage().contains("PRIVATE key") && e.getMessage().contains("id_ed25519.pub"), e.getMessage());
        Files.writeString(tmp.resolve("junk.txt"), "hello world\n");
        CloudInitException junk = assertThrows(CloudInitException.class, () -> SshKeys.fromFile(tmp.resolve("junk.txt")));
        assertTrue(junk.isBadInput());
    }
}
