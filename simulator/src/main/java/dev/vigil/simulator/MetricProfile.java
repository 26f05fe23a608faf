package dev.vigil.simulator;

/**
 * Normal behaviour of one metric of one kind of device, and the size of the anomalies injected into it.
 *
 * <p>A device's value at time t is {@code base + offset + dailyAmplitude * sin(2πt/1 day + phase) + noise * N(0,1)},
 * clamped to [{@code min}, {@code max}] (or, for a {@link #asCircular() circular} metric such as a compass
 * heading, wrapped into [{@code min}, {@code max})), where each device draws its own {@code offset} from
 * {@code ±deviceSpread} and its own phase.
 *
 * @param missingRate probability that a normal reading is sent as {@code null} (a missing value, not an anomaly)
 * @param spikeLow a spike lies between {@code spikeLow} and {@code spikeHigh} above the normal value
 * @param dipLow a dip lies between {@code dipLow} and {@code dipHigh} below the normal value
 * @param min the lowest value the sensor can report
 * @param max the highest value the sensor can report
 * @param circular whether the value is an angle that wraps around (359° + 2° = 1°) rather than saturating at its
 *     bounds
 */
public record MetricProfile(
        String name,
        double base,
        double deviceSpread,
        double dailyAmplitude,
        double noise,
        double missingRate,
        double spikeLow,
        double spikeHigh,
        double dipLow,
        double dipHigh,
        double min,
        double max,
        boolean circular) {

    public MetricProfile {
        if (noise <= 0) {
            throw new IllegalArgumentException("noise must be positive for metric " + name);
        }
        if (missingRate < 0 || missingRate >= 1) {
            throw new IllegalArgumentException("missingRate must be in [0, 1) for metric " + name);
        }
        if (spikeLow <= 0 || spikeHigh < spikeLow || dipLow <= 0 || dipHigh < dipLow || max <= min) {
            throw new IllegalArgumentException("spike, dip and range bounds must be positive and ordered for " + name);
        }
    }

    /** A metric that saturates at {@code min} and {@code max}. */
    public MetricProfile(final String name, final double base, final double deviceSpread, final double dailyAmplitude,
            final double noise, final double missingRate, final double spikeLow, final double spikeHigh,
            final double dipLow, final double dipHigh, final double min, final double max) {
        this(name, base, deviceSpread, dailyAmplitude, noise, missingRate, spikeLow, spikeHigh, dipLow, dipHigh, min,
                max, false);
    }

    /** This metric, wrapping around its range instead of saturating (an angle). */
    MetricProfile asCircular() {
        return new MetricProfile(name, base, deviceSpread, dailyAmplitude, noise, missingRate, spikeLow, spikeHigh,
                dipLow, dipHigh, min, max, true);
    }

    /** A metric that has no physical bounds worth enforcing. */
    static MetricProfile of(final String name, final double base, final double deviceSpread,
            final double dailyAmplitude, final double noise, final double missingRate, final double spikeLow,
            final double spikeHigh, final double dipLow, final double dipHigh) {
        return new MetricProfile(name, base, deviceSpread, dailyAmplitude, noise, missingRate, spikeLow, spikeHigh,
                dipLow, dipHigh, -Double.MAX_VALUE, Double.MAX_VALUE);
    }

    /** The size of a level shift or a drift's end point (half the spike band's lower edge). */
    double shift() {
        return spikeLow / 2;
    }

    /** The noise of a noise burst. */
    double burstNoise() {
        return spikeLow / 3;
    }

    /** The value the sensor reports for {@code value}: saturated at the bounds, or wrapped for a circular metric. */
    double bound(final double value) {
        if (circular) {
            final double span = max - min;
            return min + ((value - min) % span + span) % span;
        }
        return Math.max(min, Math.min(max, value));
    }
}
