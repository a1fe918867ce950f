package dev.hyperlab.core.compare.stats;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;

/**
 * Summary of a sample: n, min, max, mean, median and 95th percentile.
 *
 * <p>Percentile method: <b>nearest rank</b> on the sorted sample — the p-th percentile is the value
 * at 1-based rank {@code ceil(p/100 * n)}. It always returns a value that was actually observed
 * (no interpolation), so with n &lt; 20 the p95 is the maximum; reports say so via {@link #METHOD}.
 * The median is the middle value, or the mean of the two middle values when n is even.
 */
public record Stats(int n, double min, double max, double mean, double median, double p95) {

    /** How p95 is computed, printed in every report. */
    public static final String METHOD = "p95 = nearest-rank (value at rank ceil(0.95*n) of the sorted sample)";

    public static Stats of(double... sample) {
        if (sample.length == 0) {
            throw new IllegalArgumentException("statistics of an empty sample");
        }
        double[] s = sample.clone();
        Arrays.sort(s);
        double sum = 0;
        for (double v : s) {
            if (Double.isNaN(v)) {
                throw new IllegalArgumentException("NaN in sample");
            }
            sum += v;
        }
        int n = s.length;
        double median = n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2.0;
        return new Stats(n, s[0], s[n - 1], sum / n, median, nearestRank(s, 95));
    }

    public static Stats of(Collection<? extends Number> sample) {
        return of(sample.stream().mapToDouble(Number::doubleValue).toArray());
    }

    /** Durations summarised in milliseconds (fractional). */
    public static Stats ofDurationsMillis(Collection<Duration> sample) {
        return of(sample.stream().mapToDouble(d -> d.toNanos() / 1_000_000.0).toArray());
    }

    /** Nearest-rank percentile of an already sorted array; {@code p} in (0, 100]. */
    static double nearestRank(double[] sorted, double p) {
        if (p <= 0 || p > 100) {
            throw new IllegalArgumentException("percentile out of (0,100]: " + p);
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(1, rank) - 1];
    }
}
