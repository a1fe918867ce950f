package dev.hyperlab.core.compare.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.exec.ExecResult;
import dev.hyperlab.core.exec.GuestExec;
import dev.hyperlab.core.model.Subject;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** sysbench and fio time themselves on the guest's clock; a VM's figures are checked against the host's. */
class ClockCheckTest {
    /**
     * A VM whose clock runs at {@code rate} of the host's: every command takes host time (the host clock
     * advances), the guest's uptime advances by rate times that, and the tools report per guest second.
     */
    private static GuestExec vm(AtomicLong hostNanos, double rate, double trueCpuPerHostSecond) {
        double[] uptime = {1000.0};
        return (argv, timeout) -> {
            long cost = argv.get(0).equals("/bin/cat") ? 300_000_000L : 5_000_000_000L; // agent round trip; a 5 s run
            hostNanos.addAndGet(cost / 2);
            String out;
            if (argv.get(0).equals("/bin/cat")) {
                out = String.format(Locale.ROOT, "%.2f 900.00\n", uptime[0]);
            } else if (argv.get(0).equals("sysbench") && argv.get(1).equals("cpu")) {
                // the work done in 5 host seconds, divided by the guest seconds that passed meanwhile
                out = String.format(Locale.ROOT, "events per second: %.2f\n", trueCpuPerHostSecond / rate);
            } else if (argv.get(0).equals("sysbench")) {
                out = "1000.00 MiB transferred (200.00 MiB/sec)\n";
            } else {
                out = "{\"jobs\":[{\"error\":0,\"read\":{\"iops\":1000.0},\"write\":{\"bw_bytes\":104857600}}]}";
            }
            uptime[0] += rate * cost / 1e9;
            hostNanos.addAndGet(cost - cost / 2);
            return new ExecResult(0, out, "", Duration.ofNanos(cost));
        };
    }

    @Test
    void aVmClockThatRunsTrueLeavesTheFiguresAsMeasured() {
        AtomicLong now = new AtomicLong();
        BenchmarkRunner.Results r = new BenchmarkRunner(BenchmarkPlan.quick(), Duration.ofMinutes(1), now::get)
                .runChecked(Subject.VM, vm(now, 1.0, 100.0), 1);
        ClockCheck c = r.clock().orElseThrow();
        assertEquals(1.0, c.rate(), 0.005);
        assertFalse(c.rescaled());
        assertEquals(100.0, r.results().get(0).value(), 0.01);
        assertEquals("", r.results().get(0).note());
    }

    @Test
    void aVmClockRunningAtHalfSpeedHasItsFiguresConvertedToPerHostSecond() {
        AtomicLong now = new AtomicLong();
        BenchmarkRunner.Results r = new BenchmarkRunner(BenchmarkPlan.quick(), Duration.ofMinutes(1), now::get)
                .runChecked(Subject.VM, vm(now, 0.5, 100.0), 1);
        ClockCheck c = r.clock().orElseThrow();
        assertEquals(0.5, c.rate(), 0.01);
        assertTrue(c.rescaled());
        BenchResult cpu = r.results().stream().filter(b -> b.benchmark() == Benchmark.CPU).findFirst().orElseThrow();
        assertEquals(100.0, cpu.value(), 1.0, "the tool said 200 per guest second: 100 per host second");
        assertTrue(cpu.note().contains("0.500x"), cpu.note());
    }

    @Test
    void theHostAndContainersShareTheHostClockAndAreNotChecked() {
        AtomicLong now = new AtomicLong();
        for (Subject s : List.of(Subject.HOST, Subject.SYSTEM_CONTAINER, Subject.APP_CONTAINER)) {
            BenchmarkRunner.Results r = new BenchmarkRunner(BenchmarkPlan.quick(), Duration.ofMinutes(1), now::get)
                    .runChecked(s, vm(now, 0.5, 100.0), 1);
            assertTrue(r.clock().isEmpty(), s.toString());
        }
    }

    @Test
    void aSmallDeviationWithinTheReadingsUncertaintyIsNotRescaled() {
        ClockCheck c = ClockCheck.of(Subject.VM, 1, new ClockCheck.Reading(100.0, 0, 400_000_000L),
                new ClockCheck.Reading(110.3, 10_000_000_000L, 400_000_000L));
        assertEquals(1.03, c.rate(), 1e-9);
        assertTrue(c.uncertainty() > 0.08, "two 0.8 s readings over 10 s: " + c.uncertainty());
        assertFalse(c.rescaled(), "3 % off, but the readings cannot tell it from 1.0");
    }

    @Test
    void uptimeParsing() {
        assertEquals(350735.47, ClockCheck.parseUptime("350735.47 234388.90\n").orElseThrow());
        assertTrue(ClockCheck.parseUptime("").isEmpty());
        assertTrue(ClockCheck.parseUptime("cat: /proc/uptime: No such file").isEmpty());
    }
}
