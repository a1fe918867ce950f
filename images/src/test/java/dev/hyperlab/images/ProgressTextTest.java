package dev.hyperlab.images;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressTextTest {
    @Test
    void stepsAndTransfersReadTheSameEverywhere() {
        assertEquals("[  42s] bootstrap mmdebstrap", ProgressText.line(Progress.phase("bootstrap", Duration.ofSeconds(42), "mmdebstrap")));
        Progress t = new Progress("download", Duration.ofSeconds(3), 37L << 20, 100L << 20, 4.1 * (1 << 20),
                Duration.ofSeconds(65), "");
        assertEquals("[   3s] download   37% 37.0 MiB / 100.0 MiB  4.1 MiB/s ETA 1m05s", ProgressText.line(t));
        assertEquals(37, ProgressText.percent(t));
        Progress unknown = new Progress("download", Duration.ZERO, 2048, -1, 0, null, "");
        assertEquals(-1, ProgressText.percent(unknown));
        assertEquals("[   0s] download  2.0 KiB  0 B/s", ProgressText.line(unknown));
        assertEquals("512 B", ProgressText.size(512));
    }
}
