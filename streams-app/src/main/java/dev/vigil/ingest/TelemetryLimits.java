package dev.vigil.ingest;

import dev.vigil.config.VigilConfig;

/** Bounds a telemetry message must respect. */
public record TelemetryLimits(int maxBytes, int maxReadings, long maxFutureMs) {

    public static TelemetryLimits from(final VigilConfig config) {
        return new TelemetryLimits(config.getInt(VigilConfig.TELEMETRY_MAX_BYTES),
                config.getInt(VigilConfig.TELEMETRY_MAX_READINGS), config.getLong(VigilConfig.TELEMETRY_MAX_FUTURE_MS));
    }
}
