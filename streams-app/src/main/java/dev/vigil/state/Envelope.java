package dev.vigil.state;

import dev.vigil.model.Normalisation;

/**
 * The lowest and highest values a metric has had before its current window: every value that left the window, and,
 * when the window first filled, the values in it. The envelope rule ({@code rules.envelope.deviations}) flags a
 * reading that goes beyond it by a margin: a level the series has never been at, which the autoencoder, judging a
 * window's shape rather than its level, does not see once the move is gradual.
 *
 * @param raised the envelope as it stood when the rule flagged a reading, while the series has not been back inside
 *     it since (null otherwise): the rule flags once per excursion, however long the series stays ahead of an
 *     envelope that lags a window behind it (a slow climb sets a new highest value most readings)
 */
public record Envelope(double lo, double hi, Envelope raised) {

    public Envelope {
        if (!(lo <= hi)) {
            throw new IllegalArgumentException("an envelope needs lo <= hi, got [" + lo + ", " + hi + "]");
        }
    }

    /** The envelope of {@code values}, or null when there are none. */
    public static Envelope of(final double[] values) {
        if (values.length == 0) {
            return null;
        }
        double lo = values[0];
        double hi = values[0];
        for (final double v : values) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        return new Envelope(lo, hi, null);
    }

    /** This envelope widened to hold {@code value}. */
    public Envelope with(final double value) {
        return holds(value) ? this : new Envelope(Math.min(lo, value), Math.max(hi, value), raised);
    }

    /** This envelope after a reading of {@code value}: a flagged excursion ends when a reading is back inside. */
    public Envelope after(final double value) {
        return raised != null && raised.holds(value) ? new Envelope(lo, hi, null) : this;
    }

    /** This envelope, the rule having flagged a reading beyond it. */
    public Envelope raise() {
        return new Envelope(lo, hi, new Envelope(lo, hi, null));
    }

    /** Whether {@code value} lies inside this envelope. */
    public boolean holds(final double value) {
        return value >= lo && value <= hi;
    }

    /** How far {@code value} lies outside the envelope, on the normalised scale of {@code range} (0 inside). */
    public double beyond(final double value, final Normalisation range) {
        final double outside = value > hi ? value - hi : value < lo ? lo - value : 0;
        return outside / range.width();
    }
}
