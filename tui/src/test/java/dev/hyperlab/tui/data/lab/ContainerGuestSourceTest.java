package dev.hyperlab.tui.data.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.lab.ContainerService;
import dev.hyperlab.core.lab.HostResources;
import dev.hyperlab.core.lab.ListedEngine;
import dev.hyperlab.core.model.GuestKind;
import dev.hyperlab.core.model.GuestState;
import dev.hyperlab.tui.data.Fetch;
import dev.hyperlab.tui.data.GuestKey;
import dev.hyperlab.tui.data.GuestSample;
import dev.hyperlab.tui.refresh.GuestRow;
import dev.hyperlab.tui.refresh.Refresher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The container rows read CPU time and uptime from the engine, as the VM rows read them from libvirt. */
class ContainerGuestSourceTest {
    @TempDir Path data;
    final ListedEngine engine = new ListedEngine();

    ContainerGuestSource source() {
        return new ContainerGuestSource(() -> new ContainerService(engine, data, null, null, System::nanoTime,
                new HostResources(2, 1L << 30)), "podman");
    }

    @Test
    @DisplayName("a running container's sample carries the engine's CPU time and uptime; a stopped one has none")
    void samplesComeFromTheEngine() {
        engine.add("web", GuestState.RUNNING, true);
        engine.add("old", GuestState.STOPPED, true);
        engine.use("web", 1_500_000_000L, Duration.ofSeconds(42));
        engine.use("old", 9, Duration.ofSeconds(9)); // a reading left from its last run is not asked for
        Fetch f = source().fetch();
        assertEquals(new GuestSample(1_500_000_000L, Optional.of(Duration.ofSeconds(42))),
                f.samples().get(new GuestKey(GuestKind.CONTAINER, "web")));
        assertEquals(new GuestSample(-1, Optional.empty()), f.samples().get(new GuestKey(GuestKind.CONTAINER, "old")));
    }

    @Test
    @DisplayName("two reloads give a running container's row a CPU % and its uptime")
    void rowsShowCpuPercentAndUptime() throws Exception {
        engine.add("web", GuestState.RUNNING, true);
        engine.use("web", 1_000_000_000L, Duration.ofSeconds(60));
        try (ContainerGuestSource s = source();
             Refresher r = new Refresher(s, snap -> { }, () -> null, Duration.ofSeconds(1), Duration.ZERO)) {
            GuestRow first = r.reload().rows().get(0);
            assertTrue(first.cpuPercent().isEmpty(), "one reading gives no rate");
            assertEquals(Optional.of(Duration.ofSeconds(60)), first.uptime());
            long t0 = System.nanoTime();
            Thread.sleep(400);
            // One and a half cores busy since just after the first reading: at most 150 %, and far
            // more than a slow machine's few hundred milliseconds between the readings could hide.
            engine.use("web", 1_000_000_000L + (System.nanoTime() - t0) * 3 / 2, Duration.ofSeconds(61));
            GuestRow second = r.reload().rows().get(0);
            double pct = second.cpuPercent().orElseThrow();
            assertTrue(pct > 50.0 && pct <= 150.0, "CPU % " + pct);
            assertEquals(Optional.of(Duration.ofSeconds(61)), second.uptime());
        }
    }
}
