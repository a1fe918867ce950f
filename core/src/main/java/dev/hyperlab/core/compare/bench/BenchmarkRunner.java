package dev.hyperlab.core.compare.bench;

import dev.hyperlab.core.exec.ExecResult;
import dev.hyperlab.core.exec.GuestExec;
import dev.hyperlab.core.model.Subject;
import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Runs a {@link BenchmarkPlan} through a {@link GuestExec} and parses each result. */
public final class BenchmarkRunner {
    private final BenchmarkPlan plan;
    /** Generous: under TCG a VM may take far longer than the plan's time to start a tool. */
    private final Duration timeout;

    private final java.util.function.LongSupplier nanos;

    public BenchmarkRunner(BenchmarkPlan plan, Duration timeout) {
        this(plan, timeout, System::nanoTime);
    }

    /** @param nanos the host's monotonic clock (tests drive their own) */
    public BenchmarkRunner(BenchmarkPlan plan, Duration timeout, java.util.function.LongSupplier nanos) {
        this.plan = plan;
        this.timeout = timeout;
        this.nanos = nanos;
    }

    /** The results of {@link #runAll} and, for a guest with a clock of its own, the check of that clock. */
    public record Results(List<BenchResult> results, Optional<ClockCheck> clock) {}

    /** Every benchmark of the plan; figures of a place with its own clock are checked against the host's. */
    public List<BenchResult> runAll(Subject subject, GuestExec exec, int run) {
        return runChecked(subject, exec, run).results();
    }

    /**
     * Every benchmark of the plan. In a VM (its own kernel, its own clock) the guest's uptime is read before
     * and after them; when its clock ran faster or slower than the host's by more than {@link ClockCheck#TOLERANCE},
     * every figure is converted to per host second (times the rate) and says so in its note. The host and
     * containers share the host's kernel clock: nothing to check.
     */
    public Results runChecked(Subject subject, GuestExec exec, int run) {
        boolean ownClock = subject.isVm();
        ClockCheck.Reading before = ownClock ? ClockCheck.read(exec, nanos) : null;
        List<BenchResult> out = new ArrayList<>();
        for (Benchmark b : Benchmark.values()) {
            out.add(run(subject, exec, run, b));
        }
        ClockCheck.Reading after = ownClock && before != null ? ClockCheck.read(exec, nanos) : null;
        if (after == null) {
            return new Results(out, Optional.empty());
        }
        ClockCheck check = ClockCheck.of(subject, run, before, after);
        if (check.rescaled()) {
            String note = String.format(java.util.Locale.ROOT, "per host second: the guest clock ran at %.3fx",
                    check.rate());
            out.replaceAll(r -> new BenchResult(r.subject(), r.benchmark(), r.run(), r.value() * check.rate(),
                    r.note().isEmpty() ? note : r.note() + "; " + note));
        }
        return new Results(out, Optional.of(check));
    }

    public BenchResult run(Subject subject, GuestExec exec, int run, Benchmark b) {
        return switch (b) {
            case CPU -> new BenchResult(subject, b, run,
                    BenchmarkParsers.sysbenchCpu(checked(subject, plan.cpu(), exec.exec(plan.cpu(), timeout))), "");
            case MEMORY -> new BenchResult(subject, b, run,
                    BenchmarkParsers.sysbenchMemory(checked(subject, plan.memory(), exec.exec(plan.memory(), timeout))), "");
            case DISK_RANDREAD, DISK_SEQWRITE -> disk(subject, exec, run, b);
        };
    }

    /** O_DIRECT first (bypasses the page cache, so disks are compared, not RAM); buffered where unsupported. */
    private BenchResult disk(Subject subject, GuestExec exec, int run, Benchmark b) {
        List<String> direct = plan.disk(b, true);
        ExecResult r = exec.exec(direct, timeout);
        if (r.ok()) {
            try {
                return new BenchResult(subject, b, run, BenchmarkParsers.fio(r.stdout(), b), "");
            } catch (IllegalArgumentException e) {
                // fall through to buffered: the job itself failed, typically EINVAL on O_DIRECT
            }
        } else if (r.exitCode() == GuestExec.NOT_FOUND_EXIT) {
            checked(subject, direct, r);
        }
        List<String> buffered = plan.disk(b, false);
        ExecResult rb = exec.exec(buffered, timeout);
        return new BenchResult(subject, b, run, BenchmarkParsers.fio(checked(subject, buffered, rb), b),
                "buffered (O_DIRECT unsupported)");
    }

    private static String checked(Subject subject, List<String> argv, ExecResult r) {
        if (r.exitCode() == GuestExec.NOT_FOUND_EXIT) {
            throw new HyperlabException(ErrorCode.OPERATION_FAILED,
                    "benchmark on " + subject.title() + " failed: " + argv.get(0) + " is not installed there",
                    "try an image that includes sysbench and fio (the default debian-12 image does), or install them on the host");
        }
        if (!r.ok()) {
            throw new HyperlabException(ErrorCode.OPERATION_FAILED,
                    "benchmark '" + String.join(" ", argv) + "' on " + subject.title() + " failed with exit code "
                            + r.exitCode() + ": " + BenchmarkParsers.abbreviate(r.stderr() + r.stdout()),
                    "try running the same command by hand there");
        }
        return r.stdout();
    }
}
