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
 * @param movedAt the last message (its {@code messages} count) during which the device moved as a whole (0: never;
 *     {@link DeviceMovements})
 * @param movingSince the first message of that movement
 * @param movements device movements completed
 */
public record DeviceState(
        String deviceId,
        Instant firstSeen,
        Instant lastSeen,
        long messages,
        long rejectedReadings,
        long anomalies,
        Map<String, MetricState> metrics,
        AnomalySummary lastAnomaly,
        long movedAt,
        long movingSince,
        long movements) {

    public static DeviceState empty(final String deviceId) {
        return new DeviceState(deviceId, null, null, 0, 0, 0, Map.of(), null, 0, 0, 0);
    }

    /**
     * This state after {@code anomaly}; {@code alarmSequence} &gt; 0 also records it as its metric's last autoencoder
     * alarm (the reading's {@code received} count), for the hold-off.
     */
    public DeviceState withAnomaly(final AnomalySummary anomaly, final long alarmSequence) {
        final boolean newer = lastAnomaly == null || !anomaly.timestamp().isBefore(lastAnomaly.timestamp());
        final MetricState metric = metrics.get(anomaly.metric());
        final Map<String, MetricState> next = alarmSequence > 0 && metric != null
                ? with(anomaly.metric(), metric.withAlarmAt(alarmSequence)) : metrics;
        return new DeviceState(deviceId, firstSeen, lastSeen, messages, rejectedReadings, anomalies + 1, next,
                newer ? anomaly : lastAnomaly, movedAt, movingSince,
                movements);
    }

    /** This state with {@code peak} as the {@link ErrorPeak} of its metric {@code metric} (unchanged without it). */
    public DeviceState withPeak(final String metric, final ErrorPeak peak) {
        final MetricState state = metrics.get(metric);
        return state == null || state.peak() == peak ? this : new DeviceState(deviceId, firstSeen, lastSeen, messages,
                rejectedReadings, anomalies, with(metric, state.withPeak(peak)), lastAnomaly, movedAt, movingSince,
                movements);
    }

    /** The device's movement so far, as {@link DeviceMovements} applies the next message to it. */
    DeviceMovements.Outcome movement() {
        return new DeviceMovements.Outcome(movedAt, movingSince, movements, java.util.Set.of());
    }

    private Map<String, MetricState> with(final String metric, final MetricState state) {
        final Map<String, MetricState> next = new java.util.LinkedHashMap<>(metrics);
        next.put(metric, state);
        return next;
    }

}
