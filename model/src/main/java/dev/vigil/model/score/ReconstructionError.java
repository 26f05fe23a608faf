package dev.vigil.model.score;

/** The reconstruction error Vigil compares against the threshold. */
public final class ReconstructionError {

    private ReconstructionError() {
    }

    /** Mean over all points of the squared difference between the normalised window and its reconstruction. */
    public static double mse(final float[] window, final float[] reconstruction) {
        if (window.length != reconstruction.length) {
            throw new IllegalArgumentException("window has " + window.length + " points, reconstruction "
                    + reconstruction.length);
        }
        double sum = 0;
        for (int i = 0; i < window.length; i++) {
            final double d = window[i] - reconstruction[i];
            sum += d * d;
        }
        return sum / window.length;
    }

    /** The squared difference at the window's newest (last) point: the current reading's own residual. */
    public static double newestPoint(final float[] window, final float[] reconstruction) {
        final double d = window[window.length - 1] - reconstruction[reconstruction.length - 1];
        return d * d;
    }

    /**
     * Vigil's decision rule: the window's error exceeds the threshold, and the newest point (this reading) has the
     * largest residual of the window. Without the second condition one spike would flag every reading while it
     * stays in the window (W anomalies for one event); a weaker "at least the mean residual" still flagged a few,
     * because an extreme spike distorts the whole reconstruction.
     */
    public static boolean isAnomalous(final float[] window, final float[] reconstruction, final double threshold) {
        return mse(window, reconstruction) > threshold && newestHasLargestResidual(window, reconstruction);
    }

    /**
     * The second half of {@link #isAnomalous}: no point of the window has a larger squared residual than the newest.
     * For a caller that has the window's error already.
     */
    public static boolean newestHasLargestResidual(final float[] window, final float[] reconstruction) {
        final double newest = newestPoint(window, reconstruction);
        for (int i = 0; i < window.length - 1; i++) {
            final double d = window[i] - reconstruction[i];
            if (d * d > newest) {
                return false;
            }
        }
        return true;
    }
}
