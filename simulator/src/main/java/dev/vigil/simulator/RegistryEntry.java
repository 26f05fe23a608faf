package dev.vigil.simulator;

import java.util.Map;

/**
 * A device as the simulator registers it on the {@code devices} topic (key = {@code deviceId}).
 *
 * @param metrics per-metric registry settings: the simulator declares the {@code period} of its cyclic metrics (a
 *     phone's compass heading wraps at 360°), as a user registering such a device would
 */
public record RegistryEntry(String deviceId, String name, String type, String location, Map<String, Metric> metrics) {

    /** A metric's registry settings, in the {@code devices} wire format. */
    public record Metric(double period) {
    }

    public RegistryEntry {
        metrics = Map.copyOf(metrics);
    }

    /** A device with no per-metric settings. */
    public RegistryEntry(final String deviceId, final String name, final String type, final String location) {
        this(deviceId, name, type, location, Map.of());
    }
}
