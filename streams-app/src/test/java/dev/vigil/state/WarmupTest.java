package dev.vigil.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.model.Normalisation;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WarmupTest {

    @Test
    @DisplayName("a metric varies when its values change, runs as long as the stuck rule's left out")
    void changedFraction() {
        assertEquals(1.0, Blocks.changedFraction(new double[] {1, 2, 3, 4, 5}, 5));
        assertTrue(Double.isNaN(Blocks.changedFraction(new double[] {5, 5, 5, 5, 5}, 5)),
                "a constant sensor: nothing left to judge");
        assertTrue(Double.isNaN(Blocks.changedFraction(new double[] {1, 2, 3, 3, 3, 3, 3, 3, 4}, 5)),
                "stuck for most of the block: too little left to judge (3 pairs of 8)");
        assertEquals(1.0, Blocks.changedFraction(new double[] {1, 2, 3, 3, 3, 3, 3, 4, 5}, 5),
                "stuck for a while, varying otherwise");
        assertEquals(1.0, Blocks.changedFraction(
                new double[] {1, 2, 2, 2, 2, 2, 3, 4, 5, 6, 7, 7, 7, 7, 7, 8, 9, 10, 11, 12}, 5),
                "stuck twice, varying otherwise (11 changes in the 11 pairs left of 19)");
        assertEquals(0.5, Blocks.changedFraction(new double[] {1, 1, 2, 2, 3, 3, 4}, 5), 1e-9,
                "a coarse sensor: 3 changes in 6 pairs, below the 0.8 that makes it varying");
        assertEquals(5 / 7.0, Blocks.changedFraction(new double[] {1, 1, 2, 3, 3, 3, 4, 4, 5, 6}, 3), 1e-9,
                "the run of three 3s is left out with runs of 3: 5 changes in 7 pairs");
    }

    @Test
    @DisplayName("a review block replaces a narrower range only after a warm-up too stuck to tell, else only a range twice as wide")
    void reviewAfterAStuckWarmup() {
        final Normalisation narrow = new Normalisation(24.9, 25.1);
        final Normalisation wide = new Normalisation(24, 26);
        assertEquals(wide, RangeLearning.review(narrow, stays(wide, 1.0, false), null, true),
                "the warm-up could not tell (mostly stuck), this block can: its range replaces the warm-up's");
        assertEquals(narrow, RangeLearning.review(narrow, stays(wide, 1.0, false), null, null), "neither could tell");
        assertEquals(narrow, RangeLearning.review(narrow, stays(wide, 0.65, false), null, true),
                "a block that varied only part of the time (a constant sensor, then a drift) is no fair sample");
        assertEquals(wide, RangeLearning.review(narrow, stays(wide, 0.65, true), null, true),
                "one that varied part of the time and shows the sensor's noise is (the tail of a stuck run, then noise)");
        assertEquals(wide, RangeLearning.review(narrow, stays(wide, 0.5, false), null, false),
                "a block that says the metric does not vary (a coarse sensor) replaces it");
        assertEquals(narrow, RangeLearning.review(narrow, stays(wide, 1.0, false), true, true), "a wider block never replaces");
        assertEquals(narrow, RangeLearning.review(wide, stays(narrow, 1.0, false), true, true), "half as wide replaces");
        assertEquals(wide, RangeLearning.review(wide, stays(narrow, 0.5, false), true, true),
                "a block in which a varying sensor was stuck reviews nothing");
        assertEquals(narrow, RangeLearning.review(wide, stays(narrow, 0.5, false), false, false), "a coarse sensor is reviewed");
    }

    @Test
    @DisplayName("a review block of noise on one level outside the learned range moves it there, wider or not")
    void aBlockLeftBehindMovesTheRange() {
        final Normalisation learned = new Normalisation(97.6, 115.3);
        final Normalisation below = new Normalisation(10.3, 21.5);
        final Normalisation wideBelow = new Normalisation(0, 40);
        assertEquals(below, RangeLearning.review(learned, new ReviewBlock(below, 1.0, true, true, 16), true, true),
                "a narrower range, more than half as wide: moved all the same");
        assertEquals(wideBelow, RangeLearning.review(learned, new ReviewBlock(wideBelow, 1.0, true, true, 20), true,
                true), "a wider one moves it too");
        assertEquals(learned, RangeLearning.review(learned, new ReviewBlock(below, 1.0, true, true, 100), true, true),
                "its median within the learned range: reviewed by width, and more than half as wide it stays");
        assertEquals(learned, RangeLearning.review(learned, new ReviewBlock(below, 1.0, true, false, 16), true, true),
                "not on one level (a level shift inside the block)");
        assertEquals(learned, RangeLearning.review(learned, new ReviewBlock(below, 1.0, false, true, 16), true, true),
                "not the sensor's noise (a trend)");
        assertEquals(learned, RangeLearning.review(learned, new ReviewBlock(below, 0.6, true, true, 16), true, true),
                "a block in which a varying sensor was stuck part of the time moves nothing either");
        assertEquals(below, RangeLearning.review(learned, new ReviewBlock(below, 0.6, true, true, 16), false, false),
                "a metric that does not vary is not held to how often it changes");
    }

    /** A review block that does not show the sensor elsewhere: its range and what it says, on one level no longer. */
    private static ReviewBlock stays(final Normalisation range, final double changeRate, final boolean showsNoise) {
        return new ReviewBlock(range, changeRate, showsNoise, false, (range.lo() + range.hi()) / 2);
    }

    @Test
    @DisplayName("a metric with a few levels only does not vary, however often it changes: it repeats one by chance")
    void fewLevelsDoNotVary() {
        assertEquals(0.0, Blocks.equalChance(new double[] {1, 2, 3, 4, 5}, 5));
        assertEquals(0.0, Blocks.equalChance(new double[] {1, 2, 3, 3, 3, 3, 3, 3, 4, 5}, 5),
                "a long run counts as one reading");
        final double[] proximity = {5.0, 4.999, 5.0, 4.998, 5.0, 4.999, 4.998, 5.0, 4.999, 5.0, 5.0, 5.0, 5.0, 5.0,
            5.0, 4.999, 5.0, 4.998, 4.999, 5.0};
        // kept: 15 readings (the run of six 5.0s counts once): 5.0 ×7, 4.999 ×5, 4.998 ×3 -> (42 + 20 + 6) / 210
        assertEquals(68 / 210.0, Blocks.equalChance(proximity, 5), 1e-12);
        assertEquals(1.0, Blocks.changedFraction(proximity, 5), "it changes at every pair left");
        assertEquals(Boolean.FALSE, Blocks.judge(proximity, 5), "three levels: not for the stuck rule");
        assertEquals(Boolean.TRUE, Blocks.judge(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 5));
    }

    @Test
    @DisplayName("a block rests at a bound when a tenth of it sits at its lowest or highest value")
    void restsAtABound() {
        final double[] clipped = new double[50];
        for (int i = 0; i < 50; i += 2) {
            clipped[i] = 1 + i / 10.0; // half the block at 0
        }
        assertTrue(Blocks.clippedAtABound(clipped));
        final double[] five = new double[50];
        for (int i = 0; i < 50; i++) {
            five[i] = i < 5 ? 0 : i;
        }
        assertTrue(Blocks.clippedAtABound(five), "5 of 50 at the bottom");
        five[4] = 0.5;
        assertFalse(Blocks.clippedAtABound(five), "4 of 50: a continuous sensor can repeat its lowest");
        assertFalse(Blocks.clippedAtABound(new double[] {3, 3, 3, 3}), "a constant has no bound to rest at");
    }

    @Test
    @DisplayName("a dim light sensor is continuous between its bounds; a proximity sensor at rest takes few values")
    void continuousBetweenItsBounds() {
        final double[] dim = new double[50];
        for (int i = 0; i < 50; i += 5) {
            dim[i] = 0.5 + i / 7.0; // 0 lux but every fifth reading, each of those its own value
        }
        assertTrue(Blocks.continuousBetweenItsBounds(dim));
        final double[] proximity = new double[50];
        for (int i = 0; i < 50; i++) {
            proximity[i] = new double[] {5.0, 4.999, 5.0, 4.998, 4.999}[i % 5];
        }
        assertFalse(Blocks.continuousBetweenItsBounds(proximity), "only 4.999 lies between 4.998 and 5");
        assertFalse(Blocks.continuousBetweenItsBounds(new double[] {0, 0, 0, 2.5, 0, 7}),
                "one value between: no sample of a sensor's values");
    }

    @Test
    @DisplayName("a block shows a sensor's noise when 5 or more values leave its median across half the block, without a trend")
    void showsItsNoise() {
        final double[] spread = new double[50];
        for (int i = 0; i < 50; i += 10) {
            spread[i] = 1 + i / 25.0; // 5 values, 40 readings apart end to end
        }
        assertTrue(Blocks.leftItsConstantThroughout(spread));
        assertTrue(Blocks.showsItsNoise(spread));
        final double[] episode = new double[50];
        for (int i = 10; i < 30; i++) {
            episode[i] = 5 + (i % 3); // 20 values, 19 apart: an episode
        }
        assertFalse(Blocks.leftItsConstantThroughout(episode));
        final double[] four = new double[50];
        four[0] = 1;
        four[15] = 2;
        four[30] = 3;
        four[49] = 4;
        assertFalse(Blocks.leftItsConstantThroughout(four), "4 values: too few for a scale");
        final double[] ramp = new double[50];
        final double[] noise = new double[50];
        final java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < 50; i++) {
            noise[i] = 20 + 3 * random.nextGaussian();
            ramp[i] = 2 * i + 3 * random.nextGaussian();
        }
        assertTrue(Blocks.noiseLike(noise), "Gaussian noise");
        assertFalse(Blocks.noiseLike(ramp), "a drift of 100 over the block under the same noise");
        assertTrue(Blocks.leftItsConstantThroughout(ramp) && !Blocks.showsItsNoise(ramp));
    }
}
