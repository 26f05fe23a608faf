package dev.vigil.simulator;

import java.util.List;

/**
 * A kind of device: its registry type, how its ids are formed and the behaviour of each metric it reports.
 */
public record Fleet(String type, String idPrefix, String displayName, List<MetricProfile> metrics) {

    /** Temperature probes: about 25 °C with a small daily cycle; spikes reach 35-45 °C. */
    public static Fleet temperatureProbes() {
        return new Fleet("temperature-probe", "probe", "Temperature probe", List.of(
                new MetricProfile("temperature", 25.0, 1.5, 1.0, 0.15, 0.0, 35.0, 45.0)));
    }

    /** Air-quality monitors: particulate matter, temperature, humidity and pressure, with occasional missing values. */
    public static Fleet airQualityMonitors() {
        return new Fleet("air-quality-monitor", "aq", "Air-quality monitor", List.of(
                new MetricProfile("pm1_0", 6.0, 2.0, 1.5, 0.3, 0.02, 80.0, 150.0),
                new MetricProfile("pm2_5", 10.0, 3.0, 2.0, 0.4, 0.02, 120.0, 250.0),
                new MetricProfile("pm10", 18.0, 4.0, 3.0, 0.6, 0.02, 200.0, 400.0),
                new MetricProfile("temperature", 21.0, 2.0, 1.0, 0.1, 0.01, 35.0, 45.0),
                new MetricProfile("humidity", 45.0, 5.0, 3.0, 0.3, 0.01, 90.0, 99.0),
                new MetricProfile("pressure", 1013.0, 3.0, 0.5, 0.1, 0.01, 1045.0, 1060.0)));
    }

    public static List<Fleet> defaults() {
        return List.of(temperatureProbes(), airQualityMonitors());
    }

    public String deviceId(int index) {
        return idPrefix + "-" + index;
    }
}
