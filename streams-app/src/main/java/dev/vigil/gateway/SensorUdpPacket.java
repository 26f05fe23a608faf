package dev.vigil.gateway;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fixed binary packet of SensorUDP-style phone apps: 17 big-endian float32 values, in this order:
 * acceleration x/y/z (m/s²), gravity x/y/z, rotation rate x/y/z (rad/s), orientation x/y/z (degrees: azimuth,
 * pitch, roll), two unused, ambient light (lux), proximity (cm), key pressed (0/1).
 */
public final class SensorUdpPacket {

    public static final int VALUES = 17;
    public static final int BYTES = VALUES * Float.BYTES;
    /** Reading names in packet order; null for the two unused slots. The door-sensor fleet uses the same names. */
    public static final List<String> NAMES = java.util.Arrays.asList(
            "accel_x", "accel_y", "accel_z",
            "gravity_x", "gravity_y", "gravity_z",
            "rotation_x", "rotation_y", "rotation_z",
            "orientation_alpha", "orientation_beta", "orientation_gamma",
            null, null,
            "light", "proximity", "key_pressed");

    private SensorUdpPacket() {
    }

    /** The readings of a packet; {@link IllegalArgumentException} with the reason when it is malformed. */
    public static Map<String, Double> decode(final byte[] packet, final int length) {
        if (length != BYTES) {
            throw new IllegalArgumentException(length + " bytes; a SensorUDP packet is " + BYTES
                    + " (17 big-endian float32)");
        }
        final ByteBuffer buffer = ByteBuffer.wrap(packet, 0, length).order(ByteOrder.BIG_ENDIAN);
        final Map<String, Double> readings = new LinkedHashMap<>();
        for (int i = 0; i < VALUES; i++) {
            final float value = buffer.getFloat();
            final String name = NAMES.get(i);
            if (name == null) {
                continue;
            }
            if (!Float.isFinite(value)) {
                throw new NonFiniteValue(name + " is " + value);
            }
            readings.put(name, (double) value);
        }
        return readings;
    }

    /** Encodes readings in packet order (missing ones as 0); what a phone app sends. */
    public static byte[] encode(final Map<String, Double> readings) {
        final ByteBuffer buffer = ByteBuffer.allocate(BYTES).order(ByteOrder.BIG_ENDIAN);
        for (final String name : NAMES) {
            final Double value = name == null ? null : readings.get(name);
            buffer.putFloat(value == null ? 0f : value.floatValue());
        }
        return buffer.array();
    }

    /** A packet whose length is right but holds NaN or an infinity. */
    public static final class NonFiniteValue extends IllegalArgumentException {
        NonFiniteValue(final String message) {
            super(message);
        }
    }
}
