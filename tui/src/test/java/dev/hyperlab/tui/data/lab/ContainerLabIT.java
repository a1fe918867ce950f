package dev.hyperlab.tui.data.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.lab.ContainerService;
import dev.hyperlab.core.lab.GuestRecipe;
import dev.hyperlab.core.model.BootTimeline;
import dev.hyperlab.core.model.Phase;
import dev.hyperlab.core.vm.ConsoleStream;
import dev.hyperlab.core.vm.NetworkSpec;
import dev.hyperlab.tui.data.GuestMaker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wizard's container side against the real engine (Podman) and the real default image: a
 * system container from a recipe gets the recipe's login user and key, reports its phases as they
 * come, and its logs and output can be read. A few seconds; no network (the container gets none).
 */
class ContainerLabIT {
    /** Nothing named hl-tui-it-* may be left on the host after each test. */
    @org.junit.jupiter.api.extension.RegisterExtension
    static final dev.hyperlab.core.leak.LeakCheck LEAKS = dev.hyperlab.core.leak.LeakCheck.afterEach("hl-tui-it-");

    private static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHl0dWl0ZXN0a2V5aXQ hl-tui-it@test";

    @Test
    void systemContainerFromARecipeHasTheLoginAndReportsEachPhase(@TempDir Path dir) throws Exception {
        Path key = dir.resolve("id.pub");
        Files.writeString(key, KEY + "\n");
        String name = "hl-tui-it-" + Long.toHexString(System.nanoTime() & 0xffffff);
        GuestRecipe recipe = new GuestRecipe(name, "debian-12", 1, 512L << 20, Optional.empty(), Optional.of("dev"),
                List.of(key), Optional.empty(), NetworkSpec.NONE);
        ContainerLab lab = new ContainerLab(ContainerService::connect);
        lab.check(recipe);
        List<BootTimeline> reported = new CopyOnWriteArrayList<>();
        try {
            BootTimeline t = lab.createAndBoot(recipe, System.nanoTime(), new GuestMaker.Progress() {
                @Override public void step(String what) { }

                @Override public void phase(BootTimeline timeline) { reported.add(timeline); }
            });
            assertEquals(List.of(Phase.CREATED, Phase.STARTED, Phase.INIT, Phase.READY), List.copyOf(t.asMap().keySet()));
            assertEquals(t, reported.get(reported.size() - 1));
            assertEquals(List.of(Phase.CREATED), List.copyOf(reported.get(0).asMap().keySet()),
                    "the first report comes before the start, not at the end");
            try (ContainerService s = ContainerService.connect()) {
                String out = s.exec(name, List.of("sh", "-c", "id -nG dev; cat /home/dev/.ssh/authorized_keys"),
                        Duration.ofSeconds(30)).stdout();
                assertTrue(out.contains("sudo") && out.contains(KEY), out);
            }
            assertTrue(lab.log(name, 64 * 1024).contains("hyperlab-ready"), "the logs hold the readiness line");
            try (ConsoleStream output = lab.open(name)) {
                byte[] buf = new byte[4096];
                int n = output.read(buf);
                assertTrue(n > 0, "the followed output starts with what was logged so far");
                assertTrue(new String(buf, 0, n, StandardCharsets.UTF_8).length() > 0);
            }
        } finally {
            try (ContainerService s = ContainerService.connect()) {
                s.remove(name);
            }
        }
    }
}
