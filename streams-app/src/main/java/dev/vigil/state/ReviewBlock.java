package dev.vigil.state;

import dev.vigil.model.Normalisation;

/**
 * What a full review block says about its sensor, each computed once ({@link Blocks} has the rules): the range it
 * shows, how often its value changed, whether it shows the sensor's noise, whether it stays on one level, and the
 * median of all its readings. {@link RangeLearning#review} decides from it what becomes of the learned range.
 *
 * @param range the range the block shows ({@link Normalisation#robust})
 * @param changeRate the share of consecutive readings whose value changed ({@link Blocks#changeRate})
 * @param showsNoise whether it shows the sensor's own noise ({@link Blocks#showsItsNoise})
 * @param onOneLevel whether all but a few of its readings lie within {@code range} ({@link Blocks#onOneLevel})
 * @param median the median of all its readings
 */
record ReviewBlock(Normalisation range, double changeRate, boolean showsNoise, boolean onOneLevel, double median) {

    static ReviewBlock of(final double[] block, final double sigmas) {
        final Normalisation range = Normalisation.robust(block, sigmas);
        final double median = Normalisation.median(block);
        return new ReviewBlock(range, Blocks.changeRate(block), Blocks.showsItsNoise(block, median),
                Blocks.onOneLevel(block, range), median);
    }

    /**
     * Whether the block shows that the sensor is no longer where {@code learned} was learned: it shows its noise, on
     * one level, and its median lies outside {@code learned}. The median of all the readings, not the centre of the
     * block's range (the median of its distinct values): a light sensor dark at 0 lux whose block held two noise bursts
     * has most of its distinct values in the bursts, and with the centre its floor range went to -558..769 lux and
     * seven later bursts were missed (seed 42's door-7; EVALUATION.md, session 30).
     */
    boolean leftBehind(final Normalisation learned) {
        return showsNoise && onOneLevel && !learned.contains(median);
    }
}
