package dev.vigil.simulator;

import java.time.Instant;

/** Ground truth for one injected anomaly: which device and metric, what kind, and when (inclusive bounds). */
public record Label(String deviceId, String metric, AnomalyKind kind, Instant start, Instant end) {
}
