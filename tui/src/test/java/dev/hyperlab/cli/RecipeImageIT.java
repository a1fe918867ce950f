package dev.hyperlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code image build --recipe DIR} as a user runs it: the Debian 13 recipe in the repository (trixie
 * from a mirror, where the shipped default image is Debian 12 from the host's sources) is built, a VM
 * from it boots to ready under TCG, and the guest says it is Debian 13 with its own hostname. The
 * image is removed again when this test built it.
 */
class RecipeImageIT {
    private final HyperlabProcess hyperlab = new HyperlabProcess();

    @Test
    @DisplayName("the Debian 13 recipe directory builds an image that boots to ready and is Debian 13")
    void debian13() throws Exception {
        boolean had = hyperlab.run("image", "info", "debian-13").exit() == 0;
        String vm = "hl-recipe-" + UUID.randomUUID().toString().substring(0, 4);
        try {
            HyperlabProcess.Result b = hyperlab.run(Duration.ofMinutes(30), Map.of(), "image", "build", "--recipe",
                    "../images/recipes/debian-13"); // Failsafe runs in tui/
            assertEquals(0, b.exit(), b.both());
            assertTrue(b.out().contains("debian-13 ready"), b.both());
            HyperlabProcess.Result c = hyperlab.run(Duration.ofMinutes(12), Map.of(), "vm", "create", vm, "--image", "debian-13",
                    "--network", "none", "--no-default-ssh-keys", "--start", "--wait", "--timeout", "600", "--runcmd",
                    "echo \"hl-os=$(. /etc/os-release; echo $VERSION_ID) host=$(hostname)\" > /dev/console");
            assertEquals(0, c.exit(), c.both());
            String log = hyperlab.run("vm", "log", vm).out();
            assertTrue(log.contains("hl-os=13 host=" + vm), log.length() > 3000 ? log.substring(log.length() - 3000) : log);
        } finally {
            hyperlab.run("vm", "rm", "--force", vm);
            if (!had) {
                hyperlab.run("image", "rm", "debian-13");
            }
        }
    }
}
