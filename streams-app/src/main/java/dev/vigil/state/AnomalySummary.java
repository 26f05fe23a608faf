package dev.vigil.state;

import java.time.Instant;

/** The last anomaly of a device, as kept in its state. */
public record AnomalySummary(String metric, Instant timestamp, double value, double reconstructionError,
        double threshold) {
}
