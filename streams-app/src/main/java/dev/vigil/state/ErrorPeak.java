package dev.vigil.state;

/**
 * The largest reconstruction error over the threshold that a series had in its recent readings, and the reading it
 * came with. The escalation gate ({@code alarms.escalation.readings}, README "How a reading is scored", step 9) lets
 * the autoencoder alarm on a series within that many readings of its peak only when the error is larger: a series
 * that recently did worse is not surprised again.
 *
 * <p>One peak per series, not the exact largest of a sliding window: a larger error replaces the peak at once, a
 * smaller one only once the peak has aged out. So once a large peak ages out, a smaller error that came after it no
 * longer gates; the gate errs towards alarming.
 *
 * @param error the reconstruction error
 * @param sequence the {@code received} count of the reading it came with ({@link MetricState#received()})
 */
public record ErrorPeak(double error, long sequence) {

    /** Whether this peak, at most {@code readings} readings before {@code at}, was at least {@code error}. */
    public boolean gates(final double error, final long at, final int readings) {
        return live(at, readings) && error <= this.error;
    }

    /** The peak after the series' reading {@code at} had {@code error} over the threshold. */
    public static ErrorPeak after(final ErrorPeak peak, final double error, final long at, final int readings) {
        return peak == null || !peak.live(at, readings) || error >= peak.error ? new ErrorPeak(error, at) : peak;
    }

    private boolean live(final long at, final int readings) {
        return at > sequence && at - sequence <= readings;
    }
}
