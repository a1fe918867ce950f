package dev.hyperlab.core.compare;

import dev.hyperlab.core.compare.bench.BenchResult;
import dev.hyperlab.core.compare.bench.ClockCheck;
import dev.hyperlab.core.compare.isolation.IsolationReport;
import dev.hyperlab.core.compare.memory.MemoryLedger;
import java.util.List;
import java.util.Objects;

/**
 * Everything one {@code hyperlab compare} run recorded; reports render from this alone.
 *
 * @param clockChecks how each VM's clock ran against the host's during its benchmarks
 * @param vmLevers    what each VM lever did to the host cost per VM ({@code --vm-levers}); empty when not measured
 */
public record MeasurementSet(ReportMeta meta, List<BootTrial> boots, List<MemoryLedger> memory,
                            List<DiskUsage> disk, List<BenchResult> benchmarks,
                            List<IsolationReport> isolation, List<DensityResult> density,
                            List<ClockCheck> clockChecks, java.util.Optional<VmLeverResult> vmLevers) {
    public MeasurementSet {
        Objects.requireNonNull(vmLevers);
        Objects.requireNonNull(meta);
        boots = List.copyOf(boots);
        memory = List.copyOf(memory);
        disk = List.copyOf(disk);
        benchmarks = List.copyOf(benchmarks);
        isolation = List.copyOf(isolation);
        density = List.copyOf(density);
        clockChecks = List.copyOf(clockChecks);
    }

    /** A set without VM levers. */
    public MeasurementSet(ReportMeta meta, List<BootTrial> boots, List<MemoryLedger> memory, List<DiskUsage> disk,
                          List<BenchResult> benchmarks, List<IsolationReport> isolation, List<DensityResult> density,
                          List<ClockCheck> clockChecks) {
        this(meta, boots, memory, disk, benchmarks, isolation, density, clockChecks, java.util.Optional.empty());
    }

    /** A set without clock checks (no VM benchmarks, or recorded before they existed). */
    public MeasurementSet(ReportMeta meta, List<BootTrial> boots, List<MemoryLedger> memory, List<DiskUsage> disk,
                          List<BenchResult> benchmarks, List<IsolationReport> isolation, List<DensityResult> density) {
        this(meta, boots, memory, disk, benchmarks, isolation, density, List.of());
    }
}
