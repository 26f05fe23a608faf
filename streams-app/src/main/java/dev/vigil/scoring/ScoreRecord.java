package dev.vigil.scoring;

import java.time.Instant;

/** A value of the {@code scores} topic: one per scored reading. */
public record ScoreRecord(
        String deviceId,
        String deviceType,
        String metric,
        Instant timestamp,
        double value,
        boolean imputed,
        double reconstructionError,
        double threshold,
        boolean anomaly,
        String modelVersion) {
}
