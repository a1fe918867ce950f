package dev.hyperlab.core.compare.bench;

import dev.hyperlab.core.exec.HostExec;
import dev.hyperlab.core.model.Subject;
import dev.hyperlab.core.compare.stats.Stats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints the bare-host baseline of the compare micro-benchmarks: {@code java ... HostBaseline [runs] [quick]}.
 * Every guest figure in a compare report is divided by this.
 */
public final class HostBaseline {
    private HostBaseline() {}

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        BenchmarkPlan plan = args.length > 1 && args[1].equals("quick") ? BenchmarkPlan.quick() : BenchmarkPlan.standard();
        BenchmarkRunner runner = new BenchmarkRunner(plan, Duration.ofMinutes(2));
        for (Benchmark b : Benchmark.values()) {
            List<Double> v = new ArrayList<>();
            String note = "";
            for (int r = 1; r <= runs; r++) {
                BenchResult res = runner.run(Subject.HOST, new HostExec(), r, b);
                v.add(res.value());
                note = res.note();
            }
            Stats s = Stats.of(v);
            System.out.printf(Locale.ROOT, "%-14s median %10.1f %-8s min %10.1f max %10.1f n=%d %s%n",
                    b.label(), s.median(), b.unit(), s.min(), s.max(), s.n(), note);
        }
    }
}
