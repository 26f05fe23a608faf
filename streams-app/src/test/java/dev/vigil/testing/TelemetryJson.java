package dev.vigil.testing;

import java.time.Instant;

/** Telemetry messages in the wire format, for tests. */
public final class TelemetryJson {

    private TelemetryJson() {
    }

    public static String nested(final String deviceId, final Instant ts, final String metric, final Double value) {
        return "{\"deviceId\":\"" + deviceId + "\",\"timestamp\":\"" + ts + "\",\"readings\":{\"" + metric + "\":"
                + value + "}}";
    }

    public static String flat(final String deviceId, final long epochMs, final String metric, final double value) {
        return "{\"deviceId\":\"" + deviceId + "\",\"timestamp\":" + epochMs + ",\"" + metric + "\":" + value + "}";
    }
}
