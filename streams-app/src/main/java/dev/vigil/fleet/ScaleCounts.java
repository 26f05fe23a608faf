package dev.vigil.fleet;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The scales of one fleet's metric, counted in logarithmic bins {@link #RESOLUTION} wide: the aggregate behind
 * {@link FleetScale}, small however many devices the fleet has (a few dozen bins for scales within a factor of two of
 * each other). Immutable; {@link #with} and {@link #without} return new counts.
 *
 * @param deviceType the fleet's device type (null while nothing was counted)
 * @param metric the fleet's metric (likewise)
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

    public ScaleCounts with(final MetricScale scale) {
        return counted(scale, 1);
    }

    public ScaleCounts without(final MetricScale scale) {
        return counted(scale, -1);
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

    private ScaleCounts counted(final MetricScale scale, final long change) {
        final int bin = bin(scale.scale());
        final TreeMap<Integer, Long> next = new TreeMap<>(bins);
        final long count = next.getOrDefault(bin, 0L) + change;
        if (count > 0) {
            next.put(bin, count);
        } else {
            next.remove(bin);
        }
        return new ScaleCounts(scale.deviceType(), scale.metric(), next);
    }

    private static int bin(final double scale) {
        return (int) Math.round(Math.log(scale) / LOG_STEP);
    }
}
