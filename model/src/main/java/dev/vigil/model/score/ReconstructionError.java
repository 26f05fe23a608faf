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
}
