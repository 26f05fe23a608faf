package dev.vigil.scoring;

import dev.vigil.model.Normalisation;

/**
 * Whether a held-off reading is a new, isolated excursion rather than more of the one that raised the alarm: the
 * newest point of the normalised window is far from the median of the others while the point before it is not.
 * "Far" is the distance at which one point alone brings a window's error to the threshold, {@code sqrt(threshold
 * · W)} (0.4 at 0.01 and W = 16), so the rule has no setting of its own. A second spike a few readings after the
 * first passes; the readings that follow a level shift or ramp do not (their predecessor is off too), and neither
 * does the reading right after an alarm: a move whose first step was flagged before it was this far continues there.
 */
final class IsolatedExcursion {

    private IsolatedExcursion() {
    }

    /**
     * @param afterAlarm the reading before this one was the series' last autoencoder alarm
     */
    static boolean test(final float[] window, final double threshold, final boolean afterAlarm) {
        final int n = window.length;
        if (afterAlarm || n < 3) {
            return false;
        }
        final double[] others = new double[n - 1];
        for (int i = 0; i < n - 1; i++) {
            others[i] = window[i];
        }
        final double median = Normalisation.median(others);
        final double far = dev.vigil.state.DeviceMovements.far(threshold, n);
        return Math.abs(window[n - 1] - median) >= far && Math.abs(window[n - 2] - median) < far;
    }
}
