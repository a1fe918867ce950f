package dev.hyperlab.core.compare.bench;

import dev.hyperlab.core.compare.ExecResult;
import dev.hyperlab.core.compare.GuestExec;
import dev.hyperlab.core.compare.Subject;
import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Runs a {@link BenchmarkPlan} through a {@link GuestExec} and parses each result. */
public final class BenchmarkRunner {
    private final BenchmarkPlan plan;
    /** Generous: under TCG a VM may take far longer than the plan's time to start a tool. */
    private final Duration timeout;

    public BenchmarkRunner(BenchmarkPlan plan, Duration timeout) {
        this.plan = plan;
        this.timeout = timeout;
    }

    public List<BenchResult> runAll(Subject subject, GuestExec exec, int run) {
        List<BenchResult> out = new ArrayList<>();
        for (Benchmark b : Benchmark.values()) {
            out.add(run(subject, exec, run, b));
        }
        return out;
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
