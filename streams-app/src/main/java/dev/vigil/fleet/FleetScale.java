package dev.vigil.fleet;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The typical noise scale of one metric across the devices of one type: the value of the compacted
 * {@code fleet-scales} topic, keyed by {@link #key}, read by every instance into a global store.
 *
 * @param scale the median of the devices' scales ({@link MetricScale}), to within {@link ScaleCounts#RESOLUTION}
 * @param devices how many devices it is the median of
 */
public record FleetScale(String deviceType, String metric, double scale, long devices) {

    /** The fleet scale the counts give, or null (a tombstone) when they count no device. */
    public static FleetScale of(final ScaleCounts counts) {
        return counts == null || counts.devices() == 0 ? null
                : new FleetScale(counts.deviceType(), counts.metric(), counts.median(), counts.devices());
    }

    /**
     * The {@code fleet-scales} key: {@code deviceType/metric}, each URL-encoded (a {@code /} in either becomes
     * {@code %2F}, so two fleets never share a key).
     */
    public static String key(final String deviceType, final String metric) {
        return URLEncoder.encode(deviceType, StandardCharsets.UTF_8) + "/" + URLEncoder.encode(metric, StandardCharsets.UTF_8);
    }
}
