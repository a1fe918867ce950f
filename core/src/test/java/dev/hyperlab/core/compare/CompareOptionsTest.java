package dev.hyperlab.core.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.compare.bench.BenchmarkPlan;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.model.Subject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CompareOptionsTest {
    private static final Duration T = Duration.ofMinutes(10);

    @Test
    void validOptions() {
        CompareOptions o = new CompareOptions("debian-12", 3, 1, 1L << 30, BenchmarkPlan.standard(), T, 0, 20, 4);
        assertFalse(o.density());
        assertTrue(o.benchmarks());
        assertTrue(new CompareOptions("debian-12", 1, 1, 1L << 30, null, T, 4L << 30, 20, 4).density());
        assertEquals(4, new CompareOptions("debian-12", 1, 1, 1L << 30, null, T, 4L << 30, 500, 4).capFor(Subject.VM),
                "VMs get the lower of the two caps");
        assertEquals(500, new CompareOptions("debian-12", 1, 1, 1L << 30, null, T, 4L << 30, 500, 4).capFor(Subject.APP_CONTAINER));
    }

    @Test
    void badInputIsAUsageErrorBeforeAnythingRuns() {
        for (Runnable r : new Runnable[] {
                () -> new CompareOptions(" ", 1, 1, 1L << 30, null, T, 0, 1, 1),
                () -> new CompareOptions("debian-12", 0, 1, 1L << 30, null, T, 0, 1, 1),
                () -> new CompareOptions("debian-12", 1, 0, 1L << 30, null, T, 0, 1, 1),
                () -> new CompareOptions("debian-12", 1, 1, 1L << 20, null, T, 0, 1, 1),
                () -> new CompareOptions("debian-12", 1, 1, 1L << 30, null, T, 512L << 20, 1, 1),
                () -> new CompareOptions("debian-12", 1, 1, 1L << 30, null, Duration.ZERO, 0, 1, 1),
                () -> new CompareOptions("debian-12", 1, 1, 1L << 30, null, T, 0, 0, 1),
                () -> new CompareOptions("debian-12", 1, 1, 1L << 30, null, T, 0, 1, 0)}) {
            HyperlabException e = assertThrows(HyperlabException.class, r::run);
            assertTrue(e.isUsageError(), e.getMessage());
        }
    }
}
