package dev.hyperlab.core.compare.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.exec.HostExec;
import dev.hyperlab.core.model.Subject;
import dev.hyperlab.core.error.HyperlabException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The quick plan on the bare host, with the real sysbench and fio: every figure parses and is positive. */
class HostBenchmarkIT {

    @Test
    void quickPlanOnTheHost() {
        BenchmarkPlan plan = BenchmarkPlan.quick();
        List<BenchResult> results = new BenchmarkRunner(plan, Duration.ofSeconds(60)).runAll(Subject.HOST, new HostExec(), 1);
        assertEquals(Benchmark.values().length, results.size());
        for (BenchResult r : results) {
            assertTrue(r.value() > 0, r.toString());
            assertEquals(Subject.HOST, r.subject());
        }
        assertFalse(Files.exists(Path.of(plan.scratchFile())), "fio --unlink=1 removed its file");
    }

    @Test
    void aMissingToolIsAClearError() {
        HyperlabException e = assertThrows(HyperlabException.class,
                () -> new BenchmarkRunner(BenchmarkPlan.quick(), Duration.ofSeconds(10)).run(Subject.HOST,
                        (argv, t) -> new HostExec().exec(List.of("hyperlab-no-such-tool-" + argv.get(0)), t), 1, Benchmark.CPU));
        assertTrue(e.getMessage().contains("not installed"), e.getMessage());
    }
}
