package dev.vigil.simulator;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What to simulate and where to send it.
 *
 * @param interval time between two messages of the same device
 * @param duration how long to run; {@link Duration#ZERO} runs until stopped
 */
public record SimulatorOptions(
        String bootstrapServers,
        Map<Fleet, Integer> devicesPerFleet,
        Duration interval,
        double anomalyRate,
        long seed,
        Duration duration,
        String telemetryTopic,
        String devicesTopic,
        String labelsTopic) {

    public static final String TELEMETRY_TOPIC = "telemetry";
    public static final String DEVICES_TOPIC = "devices";
    public static final String LABELS_TOPIC = "anomaly-labels";

    /** A few hundred devices, one message per device per second, a spike every ~15 minutes per metric. */
    public static SimulatorOptions defaults(final String bootstrapServers) {
        final Map<Fleet, Integer> fleets = new LinkedHashMap<>();
        fleets.put(Fleet.temperatureProbes(), 200);
        fleets.put(Fleet.airQualityMonitors(), 100);
        return new SimulatorOptions(bootstrapServers, fleets, Duration.ofSeconds(1), 0.001, 42L, Duration.ZERO,
                TELEMETRY_TOPIC, DEVICES_TOPIC, LABELS_TOPIC);
    }

    public SimulatorOptions withDevices(final int probes, final int airQuality) {
        final Map<Fleet, Integer> fleets = new LinkedHashMap<>();
        fleets.put(Fleet.temperatureProbes(), probes);
        fleets.put(Fleet.airQualityMonitors(), airQuality);
        return new SimulatorOptions(bootstrapServers, fleets, interval, anomalyRate, seed, duration,
                telemetryTopic, devicesTopic, labelsTopic);
    }
}
