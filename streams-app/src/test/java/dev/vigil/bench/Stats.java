package dev.vigil.bench;

import java.util.List;

/** The few statistics the benchmark programs report. */
final class Stats {

    private Stats() {
    }

    /** Per column, the median over runs (the middle run; for an even count, the upper middle). */
    static double[] medianPerColumn(final List<double[]> runs) {
        final double[] med = new double[runs.get(0).length];
        for (int i = 0; i < med.length; i++) {
            final int k = i;
            med[i] = runs.stream().mapToDouble(r -> r[k]).sorted().toArray()[runs.size() / 2];
        }
        return med;
    }

    /** The {@code q} quantile (0..1) of ascending {@code sorted} nanoseconds, in milliseconds (nearest rank). */
    static double quantileMs(final long[] sorted, final double q) {
        return sorted[Math.min(sorted.length - 1, (int) (sorted.length * q))] / 1e6;
    }
}
