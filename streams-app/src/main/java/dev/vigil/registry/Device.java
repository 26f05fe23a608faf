package dev.vigil.registry;

import java.util.Map;

/**
 * A registry entry: the value of the compacted {@code devices} topic, keyed by device id.
 *
 * @param threshold overrides the global threshold for every metric of this device (optional)
 * @param metrics per-metric settings (optional)
 */
public record Device(String name, String type, String location, Double threshold, Map<String, MetricSettings> metrics) {

    public Device {
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
        if (threshold != null && !(threshold > 0 && Double.isFinite(threshold))) {
            throw new IllegalArgumentException("threshold must be a positive number, was " + threshold);
        }
    }

    public MetricSettings settings(final String metric) {
        return metrics.getOrDefault(metric, MetricSettings.NONE);
    }
}
