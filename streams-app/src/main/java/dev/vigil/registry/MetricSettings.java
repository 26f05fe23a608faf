package dev.vigil.registry;

/**
 * Per-metric settings of a registered device; every field is optional.
 *
 * @param threshold overrides the device's and the global threshold for this metric
 * @param expectedRange the metric's normal range; when given it replaces the learned normalisation and no
 *     warm-up is needed
 * @param enabled {@code false} keeps the metric's state but never scores it
 * @param period the metric is an angle (or another cyclic value) that wraps around every {@code period} units, such
 *     as a compass heading (360): each reading is taken as the nearest turn to the one before (359° then 1° is a step
 *     of 2°), so the series Vigil windows and normalises is continuous
 */
public record MetricSettings(Double threshold, Range expectedRange, Boolean enabled, Double period) {

    public static final MetricSettings NONE = new MetricSettings(null, null, null, null);

    public MetricSettings {
        if (threshold != null && !(threshold > 0 && Double.isFinite(threshold))) {
            throw new IllegalArgumentException("threshold must be a positive number, was " + threshold);
        }
        if (period != null && !(period > 0 && Double.isFinite(period))) {
            throw new IllegalArgumentException("period must be a positive number, was " + period);
        }
    }

    /**
     * The reading {@code value} taken as the nearest turn to {@code previous} (the metric's last value, itself
     * unwrapped), for a cyclic metric; {@code value} itself otherwise, or when there is no previous value.
     */
    public double unwrap(final Double previous, final double value) {
        if (!isCyclic() || previous == null) {
            return value;
        }
        final double step = value - previous;
        return previous + step - period * Math.rint(step / period);
    }

    /** Whether the metric wraps around ({@code period} given). */
    public boolean isCyclic() {
        return period != null;
    }

    public boolean isEnabled() {
        return enabled == null || enabled;
    }

    /** A closed range of expected values. */
    public record Range(double min, double max) {
        public Range {
            if (!Double.isFinite(min) || !Double.isFinite(max) || !(max > min)) {
                throw new IllegalArgumentException("expectedRange needs finite min < max, got [" + min + ", " + max + "]");
            }
        }
    }
}
