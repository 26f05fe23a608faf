package dev.vigil.simulator;

import java.util.Locale;

/**
 * The kinds of anomaly the simulator injects on purpose, with how many readings of the metric each lasts. Each
 * injected anomaly is recorded as a {@link Label} once it is over. The sizes are in {@link MetricProfile}.
 */
public enum AnomalyKind {
    /** One reading far above normal ({@link MetricProfile#spikeLow()}..{@code spikeHigh} above it). */
    SPIKE(1, 1),
    /** One reading far below normal ({@code dipLow}..{@code dipHigh} below it). */
    DIP(1, 1),
    /** The level jumps by half the spike band, up or down, and stays there for a while. */
    LEVEL_SHIFT(20, 60),
    /** The level creeps away linearly, up to half the spike band, then snaps back. */
    DRIFT(30, 90),
    /** The sensor repeats its last normal value exactly. */
    STUCK_AT(20, 60),
    /** The noise grows to a third of the spike band's lower edge (a rattled door, a loose contact). */
    NOISE_BURST(5, 15),
    /** The metric is missing (sent as null). */
    DROPOUT(5, 20);

    private final int minReadings;
    private final int maxReadings;

    AnomalyKind(final int minReadings, final int maxReadings) {
        this.minReadings = minReadings;
        this.maxReadings = maxReadings;
    }

    public int minReadings() {
        return minReadings;
    }

    public int maxReadings() {
        return maxReadings;
    }

    /** The name used on the wire and on the command line: {@code level-shift}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses {@code level-shift}, {@code LEVEL_SHIFT} or {@code level_shift}. */
    public static AnomalyKind parse(final String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (final IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown anomaly kind '" + text + "'; one of spike, dip, level-shift,"
                    + " drift, stuck-at, noise-burst, dropout");
        }
    }
}
