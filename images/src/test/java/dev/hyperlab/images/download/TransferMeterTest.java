package dev.hyperlab.images.download;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hyperlab.images.Progress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransferMeterTest {
    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        @Override public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
        void advance(Duration d) { now = now.plus(d); }
    }

    @Test
    void throttlesAndComputesRateAndEta() {
        ManualClock clock = new ManualClock();
        List<Progress> events = new ArrayList<>();
        TransferMeter m = new TransferMeter("download", clock, Duration.ofMillis(250), events::add, 0);
        m.total(1000);
        m.add(100);                      // first event always
        clock.advance(Duration.ofMillis(100));
        m.add(100);                      // within 250 ms: no event
        clock.advance(Duration.ofMillis(900));
        m.add(300);                      // 1 s after start: 500 bytes, 500 B/s, 1 s left
        assertEquals(2, events.size());
        Progress p = events.get(1);
        assertEquals(500, p.done());
        assertEquals(1000, p.total());
        assertEquals(500.0, p.rate(), 0.001);
        assertEquals(Duration.ofSeconds(1), p.eta());
        m.finish();
        assertEquals(3, events.size());
    }

    @Test
    void resumedBytesDoNotInflateTheRate() {
        ManualClock clock = new ManualClock();
        List<Progress> events = new ArrayList<>();
        TransferMeter m = new TransferMeter("download", clock, Duration.ofMillis(250), events::add, 10_000);
        clock.advance(Duration.ofSeconds(2));
        m.add(200);
        assertEquals(100.0, events.get(0).rate(), 0.001);
        assertEquals(10_200, events.get(0).done());
    }
}
