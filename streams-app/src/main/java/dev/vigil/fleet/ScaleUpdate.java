package dev.vigil.fleet;

/**
 * A device's learned range of a metric changed: the record for the {@code metric-scales} topic.
 *
 * @param key {@link MetricScale#key}
 * @param scale the new scale, or null when the range has none of its own (a tombstone)
 */
public record ScaleUpdate(String key, MetricScale scale) {
}
