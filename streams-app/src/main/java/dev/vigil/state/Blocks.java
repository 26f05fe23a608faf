package dev.vigil.state;

import dev.vigil.model.Normalisation;
import java.util.Arrays;
import java.util.DoubleSummaryStatistics;

/**
 * What a block of a metric's real readings says about the sensor (the warm-up and each review block, README step 5):
 * whether it varies ({@link #judge}), was stuck part of the time ({@link #changeRate}), rests at a bound
 * ({@link #clippedAtABound}) or shows its own noise ({@link #showsItsNoise}). Pure functions of the block.
 */
final class Blocks {

    /**
     * A metric "varies" when at least this share of its consecutive warm-up readings differ, and stops varying for good
     * when one of its review blocks falls below it ({@link RangeLearning#varies}): a sensor that repeats its value that
     * often (a coarse one, or one resting at a bound) repeats it five times by chance, so the stuck rule is not for it.
     * One block of 50 is a small sample: a proximity sensor resting at 5 cm repeats about half of its values, yet one
     * simulated warm-up held only 12 repeats in 49 pairs, and the stuck rule then raised 39 false alarms
     * (EVALUATION.md, session 8).
     */
    static final double VARYING = 0.8;

    /**
     * The largest chance that two readings of a varying metric are equal ({@link #equalChance}). A sensor with a few
     * levels only (a proximity sensor at rest: 5.000, 4.999 or 4.998 cm, about 0.45) repeats one five times in a
     * row by chance even in blocks where it changed value 80% of the time, once its runs of five are left out (seed
     * 7: four stuck-rule false alarms on normal data; EVALUATION.md, session 9).
     */
    static final double EQUAL = 0.1;

    /**
     * How many values off its median a block needs to show a sensor's noise ({@link #leftItsConstantThroughout}): a
     * scale learned from fewer is a guess (Qn of 5 values is the 3rd smallest of their 10 distances).
     */
    static final int NOISE_READINGS = 5;

    /** How many times the spread its steps explain a block of noise may spread ({@link #noiseLike}). */
    static final double TREND = 2;

    /**
     * How many of a block's values may lie outside the range the block shows while it is still on one level ({@link
     * #onOneLevel}): a spike or two, the tail of an episode that ended as the block began.
     */
    static final int STRAYS = 5;

    /**
     * Whether the block's values strictly between its lowest and its highest are those of a continuous sensor: at
     * least two, and two of them equal by chance at most {@link #EQUAL} ({@link #equalChance}, no run counted once).
     */
    static boolean continuousBetweenItsBounds(final double[] block) {
        final DoubleSummaryStatistics extremes = Arrays.stream(block).summaryStatistics();
        final double[] between = Arrays.stream(block)
                .filter(v -> v > extremes.getMin() && v < extremes.getMax()).toArray();
        return between.length >= 2 && equalChance(between, Integer.MAX_VALUE) <= EQUAL;
    }

    /**
     * Whether at least a tenth of the block's values equal its lowest or its highest value: a sensor clipped at a
     * bound, not a continuous one (which rarely repeats its extremes).
     */
    static boolean clippedAtABound(final double[] block) {
        final DoubleSummaryStatistics extremes = Arrays.stream(block).summaryStatistics();
        final long atLo = Arrays.stream(block).filter(v -> v == extremes.getMin()).count();
        final long atHi = Arrays.stream(block).filter(v -> v == extremes.getMax()).count();
        return extremes.getMin() < extremes.getMax() && Math.max(atLo, atHi) * 10 >= block.length;
    }

    /**
     * Whether a block shows a sensor's own noise rather than an anomaly: it left its constant throughout ({@link
     * #leftItsConstantThroughout}: an anomaly is an episode, a spike one reading and a noise burst at most 15 in the
     * simulator), and its spread is what its steps make of it ({@link #noiseLike}: a drift is a trend, not noise).
     */
    static boolean showsItsNoise(final double[] block) {
        return showsItsNoise(block, Normalisation.median(block));
    }

    /** {@link #showsItsNoise(double[])} of a block whose median is known. */
    static boolean showsItsNoise(final double[] block, final double median) {
        return leftItsConstantThroughout(block, median) && noiseLike(block);
    }

    /**
     * Whether the block's spread (the scale its range takes, {@link Normalisation#scale}) is
     * at most {@link #TREND} times the spread its steps explain (Qn of the changes between successive distinct values,
     * over √2). Gaussian noise gives about 1; a ramp across the block many times more.
     */
    static boolean noiseLike(final double[] block) {
        final double[] distinct = Normalisation.withoutRepeats(block);
        if (distinct.length < 3) {
            return false;
        }
        final double[] steps = new double[distinct.length - 1];
        for (int i = 1; i < distinct.length; i++) {
            steps[i - 1] = distinct[i] - distinct[i - 1];
        }
        return Normalisation.scale(block) <= TREND * Normalisation.qn(steps) / Math.sqrt(2);
    }

    /**
     * Whether all but {@link #STRAYS} of the block's values lie within {@code range}, the range the block shows
     * ({@link Normalisation#robust}): a block that holds a level shift for more than a few of its readings has them
     * far outside it, however small its spread (Qn, the first quartile of the distances between pairs, comes from the
     * pairs within one level).
     */
    static boolean onOneLevel(final double[] block, final Normalisation range) {
        return Arrays.stream(block).filter(v -> !range.contains(v)).count() <= STRAYS;
    }

    /**
     * Whether at least {@link #NOISE_READINGS} values of the block differ from its median, the first and the last of
     * them at least half the block apart.
     */
    static boolean leftItsConstantThroughout(final double[] block) {
        return leftItsConstantThroughout(block, Normalisation.median(block));
    }

    private static boolean leftItsConstantThroughout(final double[] block, final double median) {
        int off = 0;
        int first = -1;
        int last = -1;
        for (int i = 0; i < block.length; i++) {
            if (block[i] != median) {
                off++;
                first = first < 0 ? i : first;
                last = i;
            }
        }
        return off >= NOISE_READINGS && last - first >= block.length / 2;
    }

    /**
     * The share of consecutive readings whose value changed. A review block of a metric that varies and changes less
     * often than {@link #VARYING} held a stuck sensor, and reviews nothing: the range leaves repeated values out
     * ({@link Normalisation#robust}), so the block's spread would come from the few readings left, and a spread
     * measured on a few readings is narrower than half the true one far more often than on 50 (with a review every
     * block until reading 200 and no such check, the simulated air-quality monitors with stuck sensors raised 80 false
     * alarms instead of 7: EVALUATION.md).
     */
    static double changeRate(final double[] values) {
        int changed = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] != values[i - 1]) {
                changed++;
            }
        }
        return values.length < 2 ? 0 : changed / (double) (values.length - 1);
    }

    /**
     * What one block says about whether a metric varies: null when it cannot tell ({@link #changedFraction} is NaN),
     * else whether its value changed at least {@link #VARYING} of the time and it takes many values
     * ({@link #equalChance} at most {@link #EQUAL}).
     */
    static Boolean judge(final double[] block, final int longRun) {
        final double changed = changedFraction(block, longRun);
        return Double.isNaN(changed) ? null : changed >= VARYING && equalChance(block, longRun) <= EQUAL;
    }

    /**
     * The chance that two different readings of the block are equal: (Σ c² − N) / (N(N − 1)) over the counts c of
     * its distinct values, N readings, a run of {@code longRun} or more identical values counting as one reading.
     * 0 when every value differs; about 0.45 for a proximity sensor at rest, which reads 5.000, 4.999 or 4.998 cm.
     */
    static double equalChance(final double[] values, final int longRun) {
        final double[] kept = new double[values.length];
        int n = 0;
        int start = 0;
        for (final int run : runLengths(values)) {
            for (int r = 0; r < (run >= longRun ? 1 : run); r++) {
                kept[n++] = values[start];
            }
            start += run;
        }
        if (n < 2) {
            return 1;
        }
        Arrays.sort(kept, 0, n);
        long same = 0;
        for (final int count : runLengths(Arrays.copyOf(kept, n))) {
            same += (long) count * (count - 1);
        }
        return same / ((double) n * (n - 1));
    }

    /**
     * The share of consecutive readings whose value changed, leaving out the repeats inside runs of {@code longRun}
     * or more identical values (a sensor stuck for a while, once or twice, must not make a varying metric look
     * constant). NaN when less than half the pairs are left: a block that was mostly stuck cannot tell.
     */
    static double changedFraction(final double[] values, final int longRun) {
        final int[] runs = runLengths(values);
        int leftOut = 0;
        for (final int run : runs) {
            if (run >= longRun) {
                leftOut += run - 1;
            }
        }
        final int pairs = values.length - 1 - leftOut;
        return pairs <= 0 || 2 * pairs < values.length - 1 ? Double.NaN : (runs.length - 1) / (double) pairs;
    }

    /** The lengths of the runs of identical consecutive values, in order (they add up to {@code values.length}). */
    private static int[] runLengths(final double[] values) {
        final int[] runs = new int[values.length];
        int count = 0;
        for (int i = 0; i < values.length; i++) {
            if (i > 0 && values[i] == values[i - 1]) {
                runs[count - 1]++;
            } else {
                runs[count++] = 1;
            }
        }
        return Arrays.copyOf(runs, count);
    }

    private Blocks() {
    }
}
