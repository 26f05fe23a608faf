package dev.vigil.state;

import java.time.Instant;
import java.util.Map;

/**
 * The value of the {@code device-state} store, keyed by device id: everything {@code GET /api/devices/{id}}
 * shows besides the registry entry.
 *
 * @param messages telemetry messages applied
 * @param rejectedReadings readings refused as duplicates or out of order
 * @param lastSeen the newest reading timestamp of any metric
 */
public record DeviceState(
        String deviceId,
        Instant firstSeen,
        Instant lastSeen,
        long messages,
        long rejectedReadings,
        long anomalies,
        Map<String, MetricState> metrics,
        AnomalySummary lastAnomaly) {

    public static DeviceState empty(final String deviceId) {
        return new DeviceState(deviceId, null, null, 0, 0, 0, Map.of(), null);
    }

    public DeviceState withAnomaly(final AnomalySummary anomaly) {
        final boolean newer = lastAnomaly == null || !anomaly.timestamp().isBefore(lastAnomaly.timestamp());
        return new DeviceState(deviceId, firstSeen, lastSeen, messages, rejectedReadings, anomalies + 1, metrics,
                newer ? anomaly : lastAnomaly);
    }

}
