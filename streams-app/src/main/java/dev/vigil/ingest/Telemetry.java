package dev.vigil.ingest;

import java.time.Instant;
import java.util.Map;

/**
 * One parsed telemetry message. A {@code null} value in {@code readings} is a missing reading, to be imputed.
 */
public record Telemetry(String deviceId, Instant timestamp, Map<String, Double> readings) {
}
