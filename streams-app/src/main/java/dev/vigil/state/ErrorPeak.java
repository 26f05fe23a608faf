package dev.vigil.state;

/**
 * The largest reconstruction error of a series' recent readings that the model would flag (over the threshold, and
 * its own point the window's largest residual or an isolated excursion; a reading over the threshold only because an
 * earlier point of its window is off does not count), and the reading it came with. The escalation gate ({@code
 * alarms.escalation.readings}, README "How a reading is scored", step 9) lets the autoencoder alarm on a series within
 * that many readings of its peak only when the error is larger: a series that recently did worse is not surprised
 * again. A calm window (W readings in a row with none such) ends the peak.
 *
 * <p>One peak per series, not the exact largest of a sliding window: a larger error replaces the peak at once, a
 * smaller one only once the peak has aged out or a calm window has passed. So once a large peak ages out, a smaller
 * error that came after it no longer gates; the gate errs towards alarming.
 *
 * @param error the reconstruction error
 * @param sequence the {@code received} count of the reading it came with ({@link MetricState#received()})
 * @param lastCulprit the {@code received} count of the series' last reading the model would flag (above)
 */
public record ErrorPeak(double error, long sequence, long lastCulprit) {

    /**
     * Whether this peak, at most {@code readings} readings before {@code at} and with no calm window of {@code calm}
     * readings since, was at least {@code error}.
     */
    public boolean gates(final double error, final long at, final int readings, final int calm) {
        return live(at, readings, calm) && error <= this.error;
    }

    /** The peak after the series' reading {@code at}, one that counts, had {@code error}. */
    public static ErrorPeak after(final ErrorPeak peak, final double error, final long at, final int readings,
            final int calm) {
        if (peak == null || !peak.live(at, readings, calm) || error >= peak.error) {
            return new ErrorPeak(error, at, at);
        }
        return new ErrorPeak(peak.error, peak.sequence, at);
    }

    private boolean live(final long at, final int readings, final int calm) {
        return at > sequence && at - sequence <= readings && at - lastCulprit <= calm;
    }
}
