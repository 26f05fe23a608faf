package dev.vigil.simulator;

/** How the simulator delivers telemetry to Vigil. */
public enum Transport {
    /** Straight to the {@code telemetry} topic (key = device id). */
    KAFKA,
    /** {@code POST /api/telemetry} on a Vigil instance, in batches. */
    HTTP,
    /** Publish to {@code vigil/{deviceId}/telemetry} (QoS 1) on an MQTT broker, for Vigil's MQTT bridge. */
    MQTT
}
