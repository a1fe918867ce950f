package dev.hyperlab.core.lab;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The container's seed carries the same login a VM's does: the user, sudo, and the SSH keys. */
class CloudInitSeedWriterTest {
    private static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGx dev@host";

    @Test
    void loginUserGetsTheKeysAsInTheVm(@TempDir Path dir) throws Exception {
        SeedWriter.Seed seed = new CloudInitSeedWriter().write("box", Optional.of("dev"), List.of(KEY), Optional.empty(), dir);
        String userData = Files.readString(dir.resolve("user-data"));
        assertTrue(userData.contains("name: dev"), userData);
        assertTrue(userData.contains(KEY), userData);
        assertTrue(userData.contains("NOPASSWD"), userData);
        assertTrue(userData.contains(seed.readyLine().substring(0, "hyperlab-ready".length())), userData);
    }

    @Test
    void keysWithoutAUserGoToTheDefaultUser(@TempDir Path dir) throws Exception {
        new CloudInitSeedWriter().write("box", Optional.empty(), List.of(KEY), Optional.empty(), dir);
        String userData = Files.readString(dir.resolve("user-data"));
        assertTrue(userData.contains("ssh_authorized_keys:") && userData.contains(KEY), userData);
        assertTrue(!userData.contains("name: dev"), userData);
    }
}
