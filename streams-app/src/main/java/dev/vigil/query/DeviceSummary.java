package dev.vigil.query;

import dev.vigil.state.AnomalySummary;
import java.time.Instant;
import java.util.Map;

/** One row of {@code GET /api/devices}. */
public record DeviceSummary(
        String deviceId,
        String name,
        String type,
        String location,
        Instant lastSeen,
        long messages,
        long anomalies,
        AnomalySummary lastAnomaly,
        Map<String, DeviceView.Latest> latest) {
}
