package dev.hyperlab.core.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.exec.HostExec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real base qcow2 with data and an empty overlay on it, made with qemu-img. */
class QcowSizesIT {
    @Test
    void overlayIsSmallAndPointsAtItsBase(@TempDir Path dir) {
        HostExec h = new HostExec();
        Path base = dir.resolve("base.qcow2");
        Path overlay = dir.resolve("vm1.qcow2");
        Duration t = Duration.ofSeconds(30);
        assertEquals(0, h.exec(List.of("qemu-img", "create", "-q", "-f", "qcow2", base.toString(), "64M"), t).exitCode());
        // put 8 MiB of data into the base, so it is clearly bigger than the overlay
        assertEquals(0, h.exec(List.of("qemu-io", "-f", "qcow2", "-c", "write -P 0x5a 0 8M", base.toString()), t).exitCode());
        assertEquals(0, h.exec(List.of("qemu-img", "create", "-q", "-f", "qcow2", "-F", "qcow2", "-b", "base.qcow2",
                overlay.toString()), t).exitCode());

        QcowSizes.Info o = QcowSizes.info(overlay);
        assertEquals(base, o.backingFile().orElseThrow());
        assertEquals(64L << 20, o.virtualBytes());
        DiskUsage d = QcowSizes.ofOverlay(overlay);
        assertTrue(d.baseBytes() >= 8L << 20, d.toString());
        assertTrue(d.instanceBytes() < 1L << 20, d.toString());
    }
}
