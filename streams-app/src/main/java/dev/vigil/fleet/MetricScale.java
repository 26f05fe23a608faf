package dev.vigil.fleet;

import dev.vigil.model.Normalisation;

/**
 * One device's noise scale of one metric, from its settled range: the value of the compacted {@code metric-scales}
 * topic, keyed by {@link #key}. A range settled with no scale of its own (the floor scale, possible only with
 * {@code warmup.review=false}) is a tombstone there, so that it is not counted in its fleet's ({@link FleetScaleCounter}).
 *
 * @param deviceType the device's type in the registry
 * @param scale the range's half-width over {@code sigmas}: the noise deviation it was learned with
 */
public record MetricScale(String deviceType, String metric, double scale) {

    public MetricScale {
        if (deviceType == null || metric == null || !(scale > 0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("a metric scale needs a device type, a metric and a positive scale, got "
                    + deviceType + ", " + metric + ", " + scale);
        }
    }

    /** The scale of a learned range, or null when it has the floor scale ({@link Normalisation#atFloor}). */
    public static MetricScale of(final String deviceType, final String metric, final Normalisation learned,
            final double sigmas) {
        return learned.atFloor(sigmas) ? null : new MetricScale(deviceType, metric, learned.width() / (2 * sigmas));
    }

    /** The {@code metric-scales} key of a device's metric: {@code deviceId/metric} (a device id has no {@code /}). */
    public static String key(final String deviceId, final String metric) {
        return deviceId + "/" + metric;
    }
}
