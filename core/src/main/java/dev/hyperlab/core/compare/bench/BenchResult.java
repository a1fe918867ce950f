package dev.hyperlab.core.compare.bench;

import dev.hyperlab.core.model.Subject;
import java.util.Objects;

/**
 * One benchmark figure.
 *
 * @param note how it was run when that differs from the plan, e.g. "buffered (O_DIRECT unsupported)"; else ""
 */
public record BenchResult(Subject subject, Benchmark benchmark, int run, double value, String note) {
    public BenchResult {
        Objects.requireNonNull(subject);
        Objects.requireNonNull(benchmark);
        Objects.requireNonNull(note);
        if (!(value >= 0)) {
            throw new IllegalArgumentException("benchmark value must be >= 0: " + value);
        }
    }
}
