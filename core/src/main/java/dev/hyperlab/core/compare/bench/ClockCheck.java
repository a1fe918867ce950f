package dev.hyperlab.core.compare.bench;

import dev.hyperlab.core.exec.ExecResult;
import dev.hyperlab.core.exec.GuestExec;
import dev.hyperlab.core.model.Subject;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.function.LongSupplier;

/**
 * How fast a guest's own clock ran against the host's while its benchmarks ran. sysbench and fio
 * divide their work by the time they measure inside, on the guest's clock; a VM has a clock of its
 * own (under TCG one that may run slow), so its figures are checked against the host's monotonic
 * clock: the guest's uptime is read before and after the benchmarks, each reading stamped on the host
 * at the middle of the command that read it.
 *
 * @param guestSeconds  how far the guest's clock advanced between the two readings
 * @param hostSeconds   how far the host's clock advanced between them
 * @param uncertainty   +- on {@link #rate()} from the time the two reading commands took
 * @param rescaled      whether the figures were multiplied by the rate (it was off by more than the tolerance)
 */
public record ClockCheck(Subject subject, int run, double guestSeconds, double hostSeconds, double uncertainty,
                         boolean rescaled) {
    /** A rate this close to 1 (or within its uncertainty) leaves the figures as measured. */
    public static final double TOLERANCE = 0.02;

    public ClockCheck {
        Objects.requireNonNull(subject);
    }

    /** Guest seconds per host second: figures per guest second times this are figures per host second. */
    public double rate() { return guestSeconds / hostSeconds; }

    /** One reading: the guest's uptime, and when (host nanos, the middle of the command) and +- how long. */
    record Reading(double guestUptime, long hostMidNanos, long halfSpanNanos) {}

    static Reading read(GuestExec exec, LongSupplier nanos) {
        long t0 = nanos.getAsLong();
        ExecResult r = exec.exec(List.of("/bin/cat", "/proc/uptime"), Duration.ofMinutes(2));
        long t1 = nanos.getAsLong();
        if (!r.ok()) {
            return null;
        }
        OptionalDouble up = parseUptime(r.stdout());
        return up.isPresent() ? new Reading(up.getAsDouble(), t0 + (t1 - t0) / 2, (t1 - t0) / 2) : null;
    }

    static OptionalDouble parseUptime(String procUptime) {
        String[] f = procUptime.trim().split("\\s+");
        try {
            return f.length >= 1 && !f[0].isEmpty() ? OptionalDouble.of(Double.parseDouble(f[0])) : OptionalDouble.empty();
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    /** The check from two readings; {@code rescaled} when the rate is off by more than tolerance and uncertainty. */
    static ClockCheck of(Subject s, int run, Reading a, Reading b) {
        double host = (b.hostMidNanos() - a.hostMidNanos()) / 1e9;
        double guest = b.guestUptime() - a.guestUptime();
        double unc = (a.halfSpanNanos() + b.halfSpanNanos()) / 1e9 / host + 0.01 / host; // + /proc/uptime's 10 ms steps
        double rate = guest / host;
        boolean rescale = Math.abs(rate - 1) > Math.max(TOLERANCE, 2 * unc);
        return new ClockCheck(s, run, guest, host, unc, rescale);
    }
}
