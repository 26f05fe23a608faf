package dev.vigil.model;

/**
 * Maps a metric's values onto the scale the autoencoder was trained on: {@code lo} becomes 0 and {@code hi}
 * becomes 1.
 *
 * <p>Vigil never hard-codes sensor ranges. The range is either the expected range from the device registry, or
 * it is learned per (device, metric) during warm-up as {@code mean ± sigmas * std} of the warm-up readings
 * ({@link #learned}). With the default {@code sigmas = 12} the warm-up noise becomes a standard deviation of
 * 0.042 on the normalised scale, so an unreconstructable noise window has a mean squared error of about
 * 0.0017, a sixth of the default threshold 0.01.
 */
public record Normalisation(double lo, double hi) {

    public Normalisation {
        if (!Double.isFinite(lo) || !Double.isFinite(hi) || !(hi > lo)) {
            throw new IllegalArgumentException("a normalisation range needs finite lo < hi, got [" + lo + ", " + hi + "]");
        }
    }

    /**
     * The range learned from warm-up statistics. A standard deviation below {@code minStd(mean)} (a flat or
     * nearly flat warm-up) is raised to it, so that a constant sensor does not make every later change infinite.
     */
    public static Normalisation learned(final double mean, final double std, final double sigmas) {
        final double spread = sigmas * Math.max(std, minStd(mean));
        return new Normalisation(mean - spread, mean + spread);
    }

    /**
     * The range learned robustly from the warm-up values themselves: {@code median ± sigmas × 1.4826 × MAD}
     * (the median absolute deviation, scaled to equal the standard deviation for Gaussian noise). Unlike mean
     * and standard deviation, a few anomalies inside the warm-up barely move it: one 40 °C spike in a 25 °C
     * probe's warm-up multiplied its standard deviation by about 9, while the median and MAD hardly change.
     * A value equal to the one before it is left out: a sensor stuck for most of the warm-up would otherwise make
     * the MAD 0. The scale has the same floor as {@link #learned} (a constant sensor gets the floor).
     */
    public static Normalisation robust(final double[] values, final double sigmas) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values to learn a range from");
        }
        final double[] changed = withoutRepeats(values);
        final double median = median(changed);
        final double[] deviations = new double[changed.length];
        for (int i = 0; i < changed.length; i++) {
            deviations[i] = Math.abs(changed[i] - median);
        }
        final double scale = 1.4826 * median(deviations);
        final double spread = sigmas * Math.max(scale, minStd(median));
        return new Normalisation(median - spread, median + spread);
    }

    private static double[] withoutRepeats(final double[] values) {
        final double[] out = new double[values.length];
        int n = 0;
        for (int i = 0; i < values.length; i++) {
            if (i == 0 || values[i] != values[i - 1]) {
                out[n++] = values[i];
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /** The median of {@code values} (not reordered). */
    public static double median(final double[] values) {
        final double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        final int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** The floor for a learned standard deviation: 0.1% of the mean's magnitude, and at least 1e-6. */
    public static double minStd(final double mean) {
        return Math.max(1e-6, 1e-3 * Math.abs(mean));
    }

    public double apply(final double value) {
        return (value - lo) / (hi - lo);
    }

    public double invert(final double normalised) {
        return lo + normalised * (hi - lo);
    }

    /** Normalises a whole window into a new float array. */
    public float[] apply(final double[] window) {
        final float[] out = new float[window.length];
        for (int i = 0; i < window.length; i++) {
            out[i] = (float) apply(window[i]);
        }
        return out;
    }
}
