package dev.hyperlab.core.compare.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void oneValue() {
        Stats s = Stats.of(42);
        assertEquals(new Stats(1, 42, 42, 42, 42, 42), s);
    }

    @Test
    void oddSampleUnsorted() {
        Stats s = Stats.of(5, 1, 3);
        assertEquals(3, s.n());
        assertEquals(1, s.min());
        assertEquals(5, s.max());
        assertEquals(3, s.mean(), 1e-12);
        assertEquals(3, s.median());
        assertEquals(5, s.p95()); // rank ceil(2.85) = 3
    }

    @Test
    void evenSampleMedianIsMeanOfMiddle() {
        assertEquals(2.5, Stats.of(4, 1, 3, 2).median());
    }

    @Test
    void p95NearestRankOnOneToHundred() {
        double[] v = new double[100];
        for (int i = 0; i < 100; i++) {
            v[i] = i + 1;
        }
        Stats s = Stats.of(v);
        assertEquals(95, s.p95());
        assertEquals(50.5, s.median());
        assertEquals(50.5, s.mean(), 1e-12);
    }

    @Test
    void p95OfTwentyIsNineteenth() {
        double[] v = new double[20];
        for (int i = 0; i < 20; i++) {
            v[i] = (i + 1) * 10;
        }
        assertEquals(190, Stats.of(v).p95()); // rank ceil(19.0) = 19
    }

    @Test
    void p95OfTwentyOneIsTwentiethValue() {
        double[] v = new double[21];
        for (int i = 0; i < 21; i++) {
            v[i] = i;
        }
        assertEquals(19, Stats.of(v).p95()); // values 0..20, rank ceil(19.95) = 20 holds 19
    }

    @Test
    void durationsInMillis() {
        Stats s = Stats.ofDurationsMillis(List.of(Duration.ofMillis(1500), Duration.ofSeconds(2), Duration.ofMillis(500)));
        assertEquals(1500, s.median());
        assertEquals(500, s.min());
        assertEquals(2000, s.max());
        assertEquals(4000 / 3.0, s.mean(), 1e-9);
    }

    @Test
    void sizesAsLongs() {
        Stats s = Stats.of(List.of(1_000_000_000L, 3_000_000_000L));
        assertEquals(2_000_000_000.0, s.median());
    }

    @Test
    void rejectsEmptyAndNaN() {
        assertThrows(IllegalArgumentException.class, () -> Stats.of(new double[0]));
        assertThrows(IllegalArgumentException.class, () -> Stats.of(1, Double.NaN));
    }
}
