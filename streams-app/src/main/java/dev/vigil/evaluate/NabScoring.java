package dev.vigil.evaluate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The Numenta Anomaly Benchmark's scoring of one data file, as NAB's {@code sweeper.py} computes it for one
 * threshold: rows in the probationary period (the first 15%, at most 750 rows) do not count; inside a labelled
 * window the first detection earns {@code tpWeight × S(position) / S(-1)} with the scaled sigmoid
 * {@code S(x) = 2/(1+e^{5x}) − 1} and the position −1 at the window's left edge, 0 past its right edge; a window
 * without detection costs {@code fnWeight}; a detection outside every window costs {@code fpWeight × S(distance)}
 * where the distance is measured after the previous window in window widths (3.0, the full cost, before the first
 * window). Normalised as NAB does: {@code 100 × (raw − null) / (perfect − null)}, where the null detector finds
 * nothing ({@code −fnWeight} per window) and the perfect one finds every window at its left edge
 * ({@code tpWeight} per window).
 */
public final class NabScoring {

    /** NAB's application profiles (its {@code config/profiles.json}). */
    public enum Profile {
        STANDARD("standard", 1.0, 0.11, 1.0),
        REWARD_LOW_FP("reward_low_FP_rate", 1.0, 0.22, 1.0),
        REWARD_LOW_FN("reward_low_FN_rate", 1.0, 0.11, 2.0);

        private final String nabName;
        private final double tp;
        private final double fp;
        private final double fn;

        Profile(final String nabName, final double tp, final double fp, final double fn) {
            this.nabName = nabName;
            this.tp = tp;
            this.fp = fp;
            this.fn = fn;
        }

        public String nabName() {
            return nabName;
        }
    }

    /** A labelled window, bounds inclusive; both must be timestamps of the file. */
    public record Window(Instant start, Instant end) {
    }

    /**
     * The outcome for one file and profile.
     *
     * @param firstDetections per window, the first detection inside it (null when missed)
     * @param falsePositives detections outside every window, after the probationary period
     */
    public record Result(double raw, double nullRaw, double perfectRaw, int windows, int windowsDetected,
            List<Instant> firstDetections, int falsePositives) {

        public double normalised() {
            return normalise(raw, nullRaw, perfectRaw);
        }
    }

    static final double PROBATION_PERCENT = 0.15;
    private static final double MAX_TP = scaledSigmoid(-1.0);

    private NabScoring() {
    }

    public static double normalise(final double raw, final double nullRaw, final double perfectRaw) {
        return perfectRaw == nullRaw ? 0 : 100 * (raw - nullRaw) / (perfectRaw - nullRaw);
    }

    static double scaledSigmoid(final double relativePosition) {
        if (relativePosition >= 3.0) {
            return -1.0;
        }
        return 2 / (1 + Math.exp(5 * relativePosition)) - 1.0;
    }

    static int probationaryLength(final int rows) {
        return (int) Math.min(Math.floor(PROBATION_PERCENT * rows), PROBATION_PERCENT * 5000);
    }

    /** Scores {@code detected[i]} (a detection at {@code timestamps[i]}) against {@code windows}, in time order. */
    public static Result score(final List<Instant> timestamps, final boolean[] detected, final List<Window> windows,
            final Profile profile) {
        if (timestamps.size() != detected.length) {
            throw new IllegalArgumentException("one detection flag per timestamp");
        }
        final int probation = probationaryLength(timestamps.size());
        final int[][] bounds = indices(timestamps, windows);
        final double[] windowScore = new double[windows.size()];
        final boolean[] counted = new boolean[windows.size()];
        final List<Instant> first = new ArrayList<>();
        for (int w = 0; w < windows.size(); w++) {
            windowScore[w] = -profile.fn;
            first.add(null);
            // NAB only scores windows that have rows after the probationary period
            counted[w] = bounds[w][1] >= probation;
        }
        double fp = 0;
        int falsePositives = 0;
        int w = 0;
        int previousRight = -1;
        int previousWidth = 0;
        for (int i = 0; i < timestamps.size(); i++) {
            while (w < windows.size() && i > bounds[w][1]) {
                previousRight = bounds[w][1];
                previousWidth = bounds[w][1] - bounds[w][0] + 1;
                w++;
            }
            if (!detected[i] || i < probation) {
                continue;
            }
            if (w < windows.size() && i >= bounds[w][0]) {
                final double width = bounds[w][1] - bounds[w][0] + 1;
                final double position = -(bounds[w][1] - i + 1) / width;
                final double score = scaledSigmoid(position) * profile.tp / MAX_TP;
                if (first.get(w) == null) {
                    first.set(w, timestamps.get(i));
                }
                windowScore[w] = Math.max(windowScore[w], score);
            } else {
                final double distance = previousRight < 0 ? 3.0 : Math.abs(previousRight - i) / (double) (previousWidth - 1);
                fp += scaledSigmoid(distance) * profile.fp;
                falsePositives++;
            }
        }
        double raw = fp;
        int scored = 0;
        int found = 0;
        for (int k = 0; k < windows.size(); k++) {
            if (counted[k]) {
                raw += windowScore[k];
                scored++;
                found += first.get(k) == null ? 0 : 1;
            }
        }
        return new Result(raw, -profile.fn * scored, profile.tp * scored, scored, found, first, falsePositives);
    }

    private static int[][] indices(final List<Instant> timestamps, final List<Window> windows) {
        final int[][] bounds = new int[windows.size()][];
        for (int w = 0; w < windows.size(); w++) {
            final int left = timestamps.indexOf(windows.get(w).start());
            final int right = timestamps.indexOf(windows.get(w).end());
            if (left < 0 || right < left) {
                throw new IllegalArgumentException("window " + windows.get(w) + " does not match the file's timestamps");
            }
            if (w > 0 && left <= bounds[w - 1][1]) {
                throw new IllegalArgumentException("windows overlap or are out of order");
            }
            bounds[w] = new int[] {left, right};
        }
        return bounds;
    }

    /**
     * Where a detection at row {@code index} falls for the scoring: {@code "probationary"} (not scored),
     * {@code "window N"} (1-based) or {@code "false alarm"}.
     */
    public static String placement(final List<Instant> timestamps, final List<Window> windows, final int index) {
        if (index < probationaryLength(timestamps.size())) {
            return "probationary";
        }
        final int[][] bounds = indices(timestamps, windows);
        for (int w = 0; w < bounds.length; w++) {
            if (index >= bounds[w][0] && index <= bounds[w][1]) {
                return "window " + (w + 1);
            }
        }
        return "false alarm";
    }

    /** The delay of each window's first detection after the window's start (null when missed). */
    public static List<Duration> delays(final List<Window> windows, final List<Instant> firstDetections) {
        final List<Duration> delays = new ArrayList<>();
        for (int w = 0; w < windows.size(); w++) {
            delays.add(firstDetections.get(w) == null ? null : Duration.between(windows.get(w).start(), firstDetections.get(w)));
        }
        return delays;
    }
}
