package dev.vigil.simulator;

import java.util.List;
import java.util.Set;

/**
 * A kind of device: its registry type, how its ids are formed, the behaviour of each metric it reports, which
 * metrics receive injected anomalies, and an optional burst that is normal for it.
 *
 * @param anomalyMetrics the metrics anomalies are injected into (all when empty)
 * @param burst normal bursty behaviour, or null
 */
public record Fleet(String type, String idPrefix, String displayName, List<MetricProfile> metrics,
        Set<String> anomalyMetrics, NormalBurst burst) {

    public static final String TEMPERATURE_PROBE = "temperature-probe";
    public static final String DOOR_SENSOR = "door-sensor";
    public static final String AIR_QUALITY_MONITOR = "air-quality-monitor";

    public Fleet {
        metrics = List.copyOf(metrics);
        anomalyMetrics = Set.copyOf(anomalyMetrics);
    }

    /** Temperature probes (°C): about 25 °C with a small daily cycle; spikes reach 35-45 °C, dips 5-15 °C. */
    public static Fleet temperatureProbes() {
        return new Fleet(TEMPERATURE_PROBE, "probe", "Temperature probe", List.of(
                new MetricProfile("temperature", 25.0, 1.5, 1.0, 0.15, 0.0, 10.0, 20.0, 10.0, 20.0, -40.0, 125.0)),
                Set.of(), null);
    }

    /**
     * Phones used as door sensors: accelerometer (m/s²), orientation (degrees), ambient light (lux) and
     * proximity (cm), with the names the UDP gateway uses. The compass heading (alpha) and the front-back tilt
     * (beta) wrap around like the phone's own (a door at 330° opens to 55°, not to 360°). A door opening is a normal
     * burst of 4-8 messages (the angle swings out ~85° and back, the acceleration pushes and brakes); a forced door is
     * a spike on the accelerometer and a rattled one a noise burst there. Anomalies go into the accelerometer and
     * light only.
     */
    public static Fleet doorSensors() {
        return new Fleet(DOOR_SENSOR, "door", "Door sensor", List.of(
                new MetricProfile("accel_x", 0.0, 0.3, 0.0, 0.03, 0.0, 15.0, 30.0, 15.0, 30.0, -78.0, 78.0),
                new MetricProfile("accel_y", 0.0, 0.3, 0.0, 0.03, 0.0, 15.0, 30.0, 15.0, 30.0, -78.0, 78.0),
                new MetricProfile("accel_z", 9.81, 0.1, 0.0, 0.03, 0.0, 15.0, 30.0, 15.0, 30.0, -78.0, 78.0),
                new MetricProfile("orientation_alpha", 180.0, 150.0, 0.0, 0.2, 0.0, 30.0, 60.0, 30.0, 60.0, 0.0, 360.0)
                        .asCircular(),
                new MetricProfile("orientation_beta", 0.0, 5.0, 0.0, 0.2, 0.0, 30.0, 60.0, 30.0, 60.0, -180.0, 180.0)
                        .asCircular(),
                new MetricProfile("orientation_gamma", 0.0, 5.0, 0.0, 0.2, 0.0, 30.0, 60.0, 30.0, 60.0, -90.0, 90.0),
                new MetricProfile("light", 150.0, 100.0, 120.0, 3.0, 0.0, 500.0, 1500.0, 100.0, 150.0, 0.0, 100_000.0),
                new MetricProfile("proximity", 5.0, 0.0, 0.0, 0.001, 0.0, 5.0, 5.0, 5.0, 5.0, 0.0, 5.0)),
                Set.of("accel_x", "accel_y", "accel_z", "light"),
                new NormalBurst("door-opening", 0.01, 4, 8, List.of(
                        new NormalBurst.Shape("orientation_alpha", 85.0, false),
                        new NormalBurst.Shape("accel_x", 1.5, true),
                        new NormalBurst.Shape("accel_y", 0.8, true),
                        new NormalBurst.Shape("light", -20.0, false))));
    }

    /**
     * Air-quality monitors: PM1.0, PM2.5, PM10 (µg/m³), temperature (°C), humidity (%) and pressure (hPa), each
     * missing now and then (sent as null).
     */
    public static Fleet airQualityMonitors() {
        return new Fleet(AIR_QUALITY_MONITOR, "aq", "Air-quality monitor", List.of(
                new MetricProfile("pm1_0", 6.0, 2.0, 1.5, 0.3, 0.02, 74.0, 144.0, 4.0, 6.0, 0.0, 1000.0),
                new MetricProfile("pm2_5", 10.0, 3.0, 2.0, 0.4, 0.02, 110.0, 240.0, 6.0, 10.0, 0.0, 1000.0),
                new MetricProfile("pm10", 18.0, 4.0, 3.0, 0.6, 0.02, 182.0, 382.0, 10.0, 18.0, 0.0, 2000.0),
                new MetricProfile("temperature", 21.0, 2.0, 1.0, 0.1, 0.01, 14.0, 24.0, 10.0, 15.0, -40.0, 85.0),
                new MetricProfile("humidity", 45.0, 5.0, 3.0, 0.3, 0.01, 45.0, 54.0, 25.0, 35.0, 0.0, 100.0),
                new MetricProfile("pressure", 1013.0, 3.0, 0.5, 0.1, 0.01, 32.0, 47.0, 32.0, 47.0, 300.0, 1100.0)),
                Set.of(), null);
    }

    public static List<Fleet> all() {
        return List.of(temperatureProbes(), doorSensors(), airQualityMonitors());
    }

    /** The fleet with this registry type. */
    public static Fleet byType(final String type) {
        return all().stream().filter(f -> f.type().equals(type)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown fleet '" + type + "'; one of " + TEMPERATURE_PROBE + ", "
                        + DOOR_SENSOR + ", " + AIR_QUALITY_MONITOR));
    }

    public String deviceId(final int index) {
        return idPrefix + "-" + index;
    }

    /** Whether anomalies may be injected into this metric. */
    public boolean takesAnomalies(final String metric) {
        return anomalyMetrics.isEmpty() || anomalyMetrics.contains(metric);
    }

    public MetricProfile metric(final String name) {
        return metrics.stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("a " + type + " has no metric '" + name + "'"));
    }
}
