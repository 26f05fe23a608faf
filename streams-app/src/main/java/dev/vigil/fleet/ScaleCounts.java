package dev.vigil.fleet;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Noise scales of one metric of one device type, counted in logarithmic bins {@link #RESOLUTION} wide: a fleet's
 * counts ({@link FleetScaleCounter}) stay small however many devices the fleet has (a few dozen bins for scales within
 * a factor of two of each other), and their {@link #median} is the fleet's typical scale. A single device's scale is
 * counts of one ({@link #of}). Immutable; {@link #plus} and {@link #minus} return new counts.
 *
 * @param deviceType the devices' type in the registry (null while nothing was counted)
 * @param metric the metric (likewise)
 * @param bins bin number ({@code round(ln(scale) / ln(1 + RESOLUTION))}) to how many devices' scales fall in it
 */
public record ScaleCounts(String deviceType, String metric, SortedMap<Integer, Long> bins) {

    /** The relative width of a bin: a fleet's scale is its median to within 2%. */
    public static final double RESOLUTION = 0.02;
    private static final double LOG_STEP = Math.log1p(RESOLUTION);

    public ScaleCounts {
        bins = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(bins == null ? Map.of() : bins));
    }

    public static ScaleCounts none() {
        return new ScaleCounts(null, null, new TreeMap<>());
    }

    /** One device's scale, counted. */
    public static ScaleCounts of(final MetricScale scale) {
        return new ScaleCounts(scale.deviceType(), scale.metric(), new TreeMap<>(Map.of(bin(scale.scale()), 1L)));
    }

    /** These counts and {@code other}'s (of the same type and metric). */
    public ScaleCounts plus(final ScaleCounts other) {
        return merged(other, 1);
    }

    /** These counts without {@code other}'s, which they include. */
    public ScaleCounts minus(final ScaleCounts other) {
        return merged(other, -1);
    }

    /** How many scales are counted. */
    public long devices() {
        return bins.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The median scale (the lower middle one of an even count), or NaN with none counted. */
    public double median() {
        final long devices = devices();
        long seen = 0;
        for (final Map.Entry<Integer, Long> bin : bins.entrySet()) {
            seen += bin.getValue();
            if (2 * seen >= devices && devices > 0) {
                return Math.exp(bin.getKey() * LOG_STEP);
            }
        }
        return Double.NaN;
    }

    private ScaleCounts merged(final ScaleCounts other, final long sign) {
        final TreeMap<Integer, Long> next = new TreeMap<>(bins);
        other.bins.forEach((bin, count) -> {
            final long merged = next.getOrDefault(bin, 0L) + sign * count;
            if (merged > 0) {
                next.put(bin, merged);
            } else {
                next.remove(bin);
            }
        });
        return new ScaleCounts(other.deviceType, other.metric, next);
    }

    private static int bin(final double scale) {
        return (int) Math.round(Math.log(scale) / LOG_STEP);
    }
}
