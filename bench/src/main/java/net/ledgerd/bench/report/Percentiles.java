package net.ledgerd.bench.report;

import java.util.Arrays;

/** Latencies in seconds, sorted, with nearest-rank percentiles. */
public record Percentiles(double[] sorted) {
    public static Percentiles of(double[] values) {
        double[] copy = values.clone();
        Arrays.sort(copy);
        return new Percentiles(copy);
    }

    public int count() {
        return sorted.length;
    }

    /** The nearest-rank p-th percentile (p in (0, 100]); NaN when there are no values. */
    public double at(double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

    public double max() {
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
    }

    public String describe() {
        if (sorted.length == 0) {
            return "none";
        }
        return String.format("p50 %.3f s, p90 %.3f s, p99 %.3f s, max %.3f s", at(50), at(90), at(99), max());
    }
}
