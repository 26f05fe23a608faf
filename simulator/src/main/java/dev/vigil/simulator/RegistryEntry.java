package dev.vigil.simulator;

/** A device as the simulator registers it on the {@code devices} topic (key = {@code deviceId}). */
public record RegistryEntry(String deviceId, String name, String type, String location) {
}
