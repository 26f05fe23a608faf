package dev.vigil.model;

/**
 * Maps a metric's values onto the scale the autoencoder was trained on: {@code lo} becomes 0 and {@code hi}
 * becomes 1.
 *
 * <p>Vigil never hard-codes sensor ranges. The range is either the expected range from the device registry, or
 * it is learned per (device, metric) during warm-up as {@code mean ± sigmas * std} of the warm-up readings
 * ({@link #learned}). With the default {@code sigmas = 12} the warm-up noise becomes a standard deviation of
 * 0.042 on the normalised scale, so an unreconstructable noise window has a mean squared error of about
 * 0.0017, a sixth of the default threshold 0.01.
 */
public record Normalisation(double lo, double hi) {

    /** 1 / (√2 · Φ⁻¹(5/8)): Qn's factor for the standard deviation of Gaussian noise. */
    private static final double QN_GAUSSIAN = 2.2191;
    /** Qn's small-sample factors for n = 2..9 (Rousseeuw and Croux, 1993). */
    private static final double[] QN_SMALL = {0.399, 0.994, 0.512, 0.844, 0.611, 0.857, 0.669, 0.872};
    /** How few distances {@link #smallestDistance} narrows its interval to before it selects among them. */
    private static final int FEW_DISTANCES = 32;

    public Normalisation {
        if (!Double.isFinite(lo) || !Double.isFinite(hi) || !(hi > lo)) {
            throw new IllegalArgumentException("a normalisation range needs finite lo < hi, got [" + lo + ", " + hi + "]");
        }
    }

    /**
     * The range learned from warm-up statistics. A standard deviation below {@code minStd(mean)} (a flat or
     * nearly flat warm-up) is raised to it, so that a constant sensor does not make every later change infinite.
     */
    public static Normalisation learned(final double mean, final double std, final double sigmas) {
        final double spread = sigmas * Math.max(std, minStd(mean));
        return new Normalisation(mean - spread, mean + spread);
    }

    /**
     * The range learned robustly from the warm-up values themselves: {@code median ± sigmas × Qn} ({@link #qn}).
     * Unlike mean and standard deviation, a few anomalies inside the warm-up barely move it: one 40 °C spike in a
     * 25 °C probe's warm-up multiplied its standard deviation by about 9, while the median and Qn hardly change.
     * A value equal to the one before it is left out: a sensor stuck for most of the warm-up would otherwise make
     * the scale 0. The scale has the same floor as {@link #learned} (a constant sensor gets the floor). A value at a
     * bound is left out of the scale, not of the median ({@link #withoutBounds}).
     */
    public static Normalisation robust(final double[] values, final double sigmas) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values to learn a range from");
        }
        final double[] sorted = distinctSorted(values);
        final double median = medianOfSorted(sorted);
        final double spread = sigmas * Math.max(qnOfSorted(withoutBounds(sorted)), minStd(median));
        return new Normalisation(median - spread, median + spread);
    }

    /**
     * The scale {@link #robust} takes from these values, before its floor: Qn of the values without repeats and
     * without values at a bound.
     */
    public static double scale(final double[] values) {
        return qnOfSorted(withoutBounds(distinctSorted(values)));
    }

    /** The values without repeats ({@link #withoutRepeats}), sorted. */
    private static double[] distinctSorted(final double[] values) {
        final double[] sorted = withoutRepeats(values);
        java.util.Arrays.sort(sorted);
        return sorted;
    }

    /**
     * The sorted values without those equal to the lowest, if it occurs more than once, and likewise the highest: a
     * sensor whose noise is clipped at a bound (a dim light sensor at about 1 lux with 3 lux of noise reads 0 lux
     * time and again, not in a row) says nothing about its noise when it reads the bound, and those equal values
     * made Qn, the first quartile of the distances between pairs, a fraction of the noise: seed 808's door-9 raised
     * 38 false alarms on normal data at 5-18 lux (EVALUATION.md, session 23). A continuous sensor rarely repeats
     * its extremes, and leaving out a few of its extreme values barely moves Qn. Unchanged if fewer than 2 would be
     * left.
     */
    static double[] withoutBounds(final double[] sorted) {
        final int n = sorted.length;
        int from = 0;
        int to = n;
        if (n >= 2 && sorted[0] == sorted[1]) {
            while (from < n && sorted[from] == sorted[0]) {
                from++;
            }
        }
        if (n >= 2 && sorted[n - 1] == sorted[n - 2]) {
            while (to > from && sorted[to - 1] == sorted[n - 1]) {
                to--;
            }
        }
        return to - from < 2 || to - from == n ? sorted : java.util.Arrays.copyOfRange(sorted, from, to);
    }

    /**
     * Rousseeuw and Croux's Qn scale: the k-th smallest of the distances between pairs of values, k = h(h−1)/2 with
     * h = ⌊n/2⌋ + 1 (about the first quartile of the distances), times 2.2191 so that it equals the standard
     * deviation of Gaussian noise, and their small-sample factor. Like the MAD it ignores up to half the values
     * (outliers, a level shift); unlike it, it needs no centre and wastes less of the data: over blocks of 50
     * Gaussian values its relative standard deviation is about 12%, the MAD's 16% (4,000 seeded blocks), so a
     * block's range comes out too narrow less often (2.5th percentile 0.77σ against the MAD's 0.68σ). It is
     * computed once per block, and once per warm-up reading while the provisional range is in use, in a sort and
     * a few passes over the values ({@link #smallestDistance}), not by listing the n(n−1)/2 distances.
     */
    public static double qn(final double[] values) {
        final double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return qnOfSorted(sorted);
    }

    /** {@link #qn} of values already sorted (the range sorts once for its median and its scale). */
    private static double qnOfSorted(final double[] sorted) {
        final int n = sorted.length;
        if (n < 2) {
            return 0;
        }
        final int h = n / 2 + 1;
        return QN_GAUSSIAN * qnSmallSample(n) * smallestDistance(sorted, h * (h - 1) / 2);
    }

    /**
     * The {@code k}-th smallest (from 1) of the distances between pairs of {@code sorted} values, without listing all
     * n(n−1)/2 of them: halve an interval that holds it (counting the pairs closer than a distance takes one pass)
     * until few distances fall inside, then select among those.
     */
    static double smallestDistance(final double[] sorted, final long k) {
        if (pairsWithin(sorted, 0) >= k) {
            return 0;
        }
        double lo = 0; // fewer than k pairs within lo
        double hi = sorted[sorted.length - 1] - sorted[0]; // at least k pairs within hi
        long below = pairsWithin(sorted, lo);
        long upTo = pairsWithin(sorted, hi);
        while (upTo - below > FEW_DISTANCES) {
            final double mid = lo + (hi - lo) / 2;
            if (mid <= lo || mid >= hi) {
                break;
            }
            final long within = pairsWithin(sorted, mid);
            if (within >= k) {
                hi = mid;
                upTo = within;
            } else {
                lo = mid;
                below = within;
            }
        }
        final double[] between = new double[(int) (upTo - below)];
        int m = 0;
        for (int i = 0; i < sorted.length; i++) {
            for (int j = i + 1; j < sorted.length && sorted[j] - sorted[i] <= hi; j++) {
                if (sorted[j] - sorted[i] > lo) {
                    between[m++] = sorted[j] - sorted[i];
                }
            }
        }
        return select(between, (int) (k - below - 1));
    }

    /** How many pairs of {@code sorted} values lie at most {@code distance} apart (one pass, two pointers). */
    private static long pairsWithin(final double[] sorted, final double distance) {
        long pairs = 0;
        int j = 0;
        for (int i = 0; i < sorted.length; i++) {
            while (j < sorted.length && sorted[j] - sorted[i] <= distance) {
                j++;
            }
            pairs += j - i - 1;
        }
        return pairs;
    }

    /** The {@code k}-th smallest (from 0) of {@code values}, which it reorders (Hoare's quickselect). */
    static double select(final double[] values, final int k) {
        int lo = 0;
        int hi = values.length - 1;
        while (lo < hi) {
            final double pivot = values[lo + (hi - lo) / 2];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (values[i] < pivot) {
                    i++;
                }
                while (values[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    final double swap = values[i];
                    values[i++] = values[j];
                    values[j--] = swap;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return values[k];
            }
        }
        return values[k];
    }

    private static double qnSmallSample(final int n) {
        if (n <= QN_SMALL.length + 1) {
            return QN_SMALL[n - 2];
        }
        return n % 2 == 1 ? n / (n + 1.4) : n / (n + 3.8);
    }

    /** The values without those equal to the one before them (a run counts once), in their order. */
    public static double[] withoutRepeats(final double[] values) {
        final double[] out = new double[values.length];
        int n = 0;
        for (int i = 0; i < values.length; i++) {
            if (i == 0 || values[i] != values[i - 1]) {
                out[n++] = values[i];
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /** The median of {@code values} (not reordered). */
    public static double median(final double[] values) {
        final double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return medianOfSorted(sorted);
    }

    private static double medianOfSorted(final double[] sorted) {
        final int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** The floor for a learned standard deviation: 0.1% of the mean's magnitude, and at least 1e-6. */
    public static double minStd(final double mean) {
        return Math.max(1e-6, 1e-3 * Math.abs(mean));
    }

    /**
     * Whether the range has the floor scale ({@link #minStd} of its centre): it was learned from values that did not
     * vary ({@link #robust}, {@link #learned}). Relative tolerance 1e-6 for the rounding of {@code lo} and {@code hi}.
     */
    public boolean atFloor(final double sigmas) {
        return width() / (2 * sigmas) <= minStd((lo + hi) / 2) * (1 + 1e-6);
    }

    /** {@code hi - lo}: the span that maps onto the model's unit scale. */
    public double width() {
        return hi - lo;
    }

    /** Whether {@code value} lies within the range, its bounds included. */
    public boolean contains(final double value) {
        return value >= lo && value <= hi;
    }

    public double apply(final double value) {
        return (value - lo) / (hi - lo);
    }

    public double invert(final double normalised) {
        return lo + normalised * (hi - lo);
    }

    /** Normalises a whole window into a new float array. */
    public float[] apply(final double[] window) {
        final float[] out = new float[window.length];
        for (int i = 0; i < window.length; i++) {
            out[i] = (float) apply(window[i]);
        }
        return out;
    }
}
