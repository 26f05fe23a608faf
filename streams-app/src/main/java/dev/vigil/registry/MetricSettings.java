package dev.vigil.registry;

/**
 * Per-metric settings of a registered device; every field is optional.
 *
 * @param threshold overrides the device's and the global threshold for this metric
 * @param expectedRange the metric's normal range; when given it replaces the learned normalisation and no
 *     warm-up is needed
 * @param enabled {@code false} keeps the metric's state but never scores it
 */
public record MetricSettings(Double threshold, Range expectedRange, Boolean enabled) {

    public static final MetricSettings NONE = new MetricSettings(null, null, null);

    public MetricSettings {
        if (threshold != null && !(threshold > 0 && Double.isFinite(threshold))) {
            throw new IllegalArgumentException("threshold must be a positive number, was " + threshold);
        }
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
