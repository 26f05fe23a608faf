package dev.vigil.scoring;

import java.time.Instant;

/**
 * A value of the {@code scores} topic: one per scored reading.
 *
 * @param reconstructionError mean squared residual over the normalised window ending with this reading
 * @param pointError squared residual of this reading's own (newest) point
 * @param anomaly {@code reconstructionError > threshold} and this reading's point has the window's largest residual
 *     or is an isolated excursion (and it is neither held off nor explained by a device movement), or a rule flagged
 *     it
 * @param detector what called it anomalous: {@code autoencoder}, {@code stuck}, {@code missing} or {@code envelope}; null
 *     when normal
 */
public record ScoreRecord(
        String deviceId,
        String deviceType,
        String metric,
        Instant timestamp,
        double value,
        boolean imputed,
        double reconstructionError,
        double pointError,
        double threshold,
        boolean anomaly,
        String modelVersion,
        String detector) {

    public static final String AUTOENCODER = "autoencoder";
}
