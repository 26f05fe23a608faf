package dev.vigil.simulator;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One telemetry message of one simulated device. A {@code null} value in {@code readings} is a missing value.
 * {@code labels} holds the anomalies injected into this very message (usually none).
 */
public record Sample(String deviceId, Instant timestamp, Map<String, Double> readings, List<Label> labels) {
}
