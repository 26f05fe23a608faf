package dev.vigil.scoring;

import dev.vigil.model.Normalisation;
import java.time.Instant;

/**
 * A reading waiting in the {@code pending-scores} store for the next batch: everything needed to score it and
 * explain the result, captured when the reading arrived.
 *
 * @param window the W values ending with this reading, in the metric's units
 * @param mean running mean before this reading
 * @param std running standard deviation before this reading
 * @param zScore {@code (value - mean) / std}, 0 while std is 0
 * @param recordTimestamp the Kafka timestamp of the input record, reused on the outputs
 * @param rule {@link #STUCK}, {@link #MISSING} or {@link #ENVELOPE} when a rule flags this reading by itself, else null
 * @param sequence the metric's {@code received} count with this reading (its position in the series)
 * @param movement the device was moving as a whole, and this metric no more than in its earlier movements
 *     ({@link dev.vigil.state.DeviceMovements}): an autoencoder alarm is explained by it
 */
public record PendingScore(
        String deviceId,
        String deviceType,
        String metric,
        Instant timestamp,
        double value,
        boolean imputed,
        double[] window,
        Normalisation normalisation,
        double threshold,
        double zScore,
        double mean,
        double std,
        long recordTimestamp,
        String rule,
        long sequence,
        boolean movement) {

    /** The value repeated exactly, {@code rules.stuck.readings} times in a row. */
    public static final String STUCK = "stuck";
    /** The reading was missing, {@code rules.missing.readings} times in a row. */
    public static final String MISSING = "missing";
    /** The value went beyond every value the metric had before its window, by {@code rules.envelope.deviations}. */
    public static final String ENVELOPE = "envelope";
}
