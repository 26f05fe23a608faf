package dev.vigil.state;

import dev.vigil.model.Normalisation;
import dev.vigil.scoring.ScoringSettings;
import java.util.Arrays;

/**
 * How a metric's range is learned when the registry gives none (README step 5): from a warm-up of
 * {@code warmup.readings} real readings, provisional before that, then reviewed against each of the next
 * {@code warmup.review.blocks} blocks ({@link #review}), and a range left at the floor, at a bound or learned from
 * trends keeps settling two blocks at a time ({@link #unsettled}, {@link #settle}). What a block says about the sensor
 * is {@link Blocks}'.
 */
final class RangeLearning {

    /** A reviewed range replaces the learned one when it is less than this fraction as wide. */
    static final double REVIEW_SHRINK = 0.5;

    /**
     * A settling range is replaced by the narrower range two blocks of noise show when that is less than this fraction
     * as wide ({@link #replaces}). A quarter, not the reviews' half: a series that wanders (NAB's machine temperature:
     * its blocks of 50 readings mostly trends, a calm spell of two blocks now and then, its spread 0.85-1.0 against a
     * range learned at 2.0) is not a sensor whose noise is narrower than its range; at a half its calm spells narrowed
     * the range and its false alarms went from 29 to 148 (EVALUATION.md, session 29).
     */
    static final double SETTLE_SHRINK = 0.25;

    private final ScoringSettings settings;

    RangeLearning(final ScoringSettings settings) {
        this.settings = settings;
    }

    /**
     * Whether a reading joins a block: a real reading, while the range is not learned yet, or not settled and
     * reviews are on. Every other reading leaves the range learning as it was.
     */
    boolean collects(final MetricState before, final boolean imputed) {
        return !imputed && (before.learned() == null || !before.reviewed() && settings.reviewWarmup());
    }

    /**
     * The metric's state {@code after} a reading it {@link #collects} (its range learning still as {@code before}'s,
     * its statistics counting the reading): the reading joins the block being collected (the warm-up, a review block,
     * or one of the two blocks of a range still settling), and a full block learns, reviews or settles the range
     * ({@link #review}, {@link #unsettled}, {@link #settle}).
     */
    MetricState next(final MetricState before, final MetricState after, final double value) {
        final double[] block = Arrays.copyOf(before.warmup(), before.warmup().length + 1);
        block[block.length - 1] = value;
        final boolean settling = settling(before);
        if (settling && block.length >= 2 * settings.warmupReadings()) {
            return settle(before, after, block);
        }
        if (!settling && block.length >= settings.warmupReadings()) {
            return learn(before, after, block);
        }
        return after.withRange(before.learned(), block, before.reviewed(), before.varies());
    }

    /** A full block learns the range (the warm-up) or reviews it (a review block). */
    private MetricState learn(final MetricState before, final MetricState after, final double[] block) {
        final Boolean varies = varies(before.varies(), block);
        if (before.learned() == null) {
            return after.withRange(Normalisation.robust(block, settings.sigmas()), new double[0],
                    !settings.reviewWarmup(), varies);
        }
        final Normalisation learned = review(before.learned(), ReviewBlock.of(block, settings.sigmas()),
                before.varies(), varies);
        return after.withRange(learned, new double[0], reviewsDone(after.stats()) && !unsettled(learned, varies, block),
                varies);
    }

    /**
     * Two full blocks of a range still settling: when both show the sensor's noise ({@link #noise}) they settle it,
     * unless either rested at a bound, and their range replaces it when it is wider or less than a quarter as wide
     * ({@link #replaces}); otherwise the range keeps settling.
     */
    private MetricState settle(final MetricState before, final MetricState after, final double[] collected) {
        final double[][] blocks = {Arrays.copyOfRange(collected, 0, collected.length / 2),
                Arrays.copyOfRange(collected, collected.length / 2, collected.length)};
        final Normalisation noise = noise(blocks);
        final Normalisation range = noise != null && replaces(before.learned(), noise) ? noise : before.learned();
        final boolean settled = noise != null
                && !Blocks.clippedAtABound(blocks[0]) && !Blocks.clippedAtABound(blocks[1]);
        return after.withRange(range, new double[0], settled, before.varies());
    }

    /**
     * The learned range a reading is judged by: the one in force before it arrived, so that a reading never widens the
     * range it is judged against. That is the frozen (or reviewed) range once there is one, else the provisional range
     * learned from the warm-up readings before this one, once W real readings were seen counting this one, or null
     * (too few). With provisional scoring off, the reading that completes the warm-up is judged by the range it
     * completes, as nothing is in force before it. Until session 23 the reading itself joined the range first: on a
     * sensor that had read one value throughout (a light sensor in the dark) repeats are left out of the range
     * ({@link Normalisation#robust}), so the first reading of a burst made up half of the values its range came from,
     * and the burst was missed (EVALUATION.md, session 23).
     */
    Normalisation rangeBefore(final MetricState before, final MetricState after, final boolean imputed) {
        if (before.learned() != null) {
            return before.learned();
        }
        if (!settings.provisionalWarmup()) {
            return after.learned();
        }
        return provisionalReady(before.warmup().length + (imputed ? 0 : 1))
                ? Normalisation.robust(before.warmup(), settings.sigmas()) : null;
    }

    /** Whether a warm-up of {@code readings} real readings is used (provisional scoring on, at least W of them). */
    boolean provisionalReady(final int readings) {
        return settings.provisionalWarmup() && readings >= settings.windowSize();
    }

    /**
     * Whether a range is not settled when the last review block is done: it has the floor scale ({@link
     * Normalisation#atFloor}: its blocks never varied, a light sensor in the dark) or the last block rested at a bound
     * ({@link Blocks#clippedAtABound}: a dim light sensor whose noise is clipped at 0 lux, whose scale came from the
     * part of its noise above the bound), unless the metric was judged constant for good and takes few values between
     * its bounds ({@link Blocks#continuousBetweenItsBounds}: a proximity sensor at rest reads 5.000, 4.999 or 4.998 cm,
     * and its blocks will never be clear of its bound). Such a range keeps collecting blocks, two at a time ({@link
     * #settle}), and the first pair that shows the sensor's noise without resting at a bound settles it. Before session
     * 24 both were final after the reviews, and a dark room that later got light (a simulated light sensor clipped at 0
     * lux whose daily cycle rises: seed 99's door-2) raised 130 false alarms in 7,500 simulated seconds of normal data
     * (EVALUATION.md, session 24). Until session 25 a metric judged constant was final too: a dim light sensor that
     * read 0 lux most of its warm-up and reviews repeats 0 too often to "vary", and seed 808's door-9, lit later,
     * raised 67 false alarms in 7,500 simulated seconds of normal data (0 with the change; EVALUATION.md, session 25).
     * Since session 29 a varying metric whose last review block was a trend ({@link Blocks#noiseLike} false) is not
     * settled either: nothing has checked its range against the sensor's noise, and a range that the warm-up and every
     * review block learned from drifts (seed 4242's probe-12, drifting over its first 176 readings, kept a range four
     * times its noise for good and hid its later drifts) would otherwise be final; its blocks narrow it when they show
     * noise less than {@link #SETTLE_SHRINK} as wide ({@link #replaces}).
     */
    private boolean unsettled(final Normalisation learned, final Boolean varies, final double[] lastBlock) {
        return learned.atFloor(settings.sigmas()) || Blocks.clippedAtABound(lastBlock)
                && (!Boolean.FALSE.equals(varies) || Blocks.continuousBetweenItsBounds(lastBlock))
                || Boolean.TRUE.equals(varies) && !Blocks.noiseLike(lastBlock);
    }

    /**
     * The range two more blocks of a metric that is not settled show: the narrower of their ranges when both show the
     * sensor's noise ({@link Blocks#showsItsNoise}), else null. Two blocks, not one: two anomalies can fall in one
     * block (two noise bursts 36 readings apart on seed 99's dark door-2 light took its range to ±400 lux, and its
     * later bursts went unseen; EVALUATION.md, session 24), less often in two in a row (inferred from the rates, not
     * measured).
     */
    private Normalisation noise(final double[][] blocks) {
        if (!Blocks.showsItsNoise(blocks[0]) || !Blocks.showsItsNoise(blocks[1])) {
            return null;
        }
        final Normalisation first = Normalisation.robust(blocks[0], settings.sigmas());
        final Normalisation second = Normalisation.robust(blocks[1], settings.sigmas());
        return first.width() <= second.width() ? first : second;
    }

    /**
     * Whether the range the blocks of a settling metric show ({@link #noise}) replaces the range in force: when it is
     * wider (a range at the floor or clipped at a bound is narrower than the sensor's noise), or less than {@link
     * #SETTLE_SHRINK} as wide (a range learned from trends, {@link #unsettled}, is wider than it).
     */
    private static boolean replaces(final Normalisation learned, final Normalisation noise) {
        return noise.width() > learned.width() || noise.width() < SETTLE_SHRINK * learned.width();
    }

    /**
     * Whether the metric's range is still settling: learned, its review blocks done, and not settled by them
     * ({@link #unsettled}), so it keeps collecting blocks two at a time ({@link #settle}).
     */
    boolean settling(final MetricState metric) {
        return metric.learned() != null && !metric.reviewed() && reviewsDone(metric.stats());
    }

    /** Whether the last review block is done: every real reading since the first went into a block. */
    boolean reviewsDone(final RunningStats stats) {
        return stats.count() >= (long) settings.warmupReadings() * (1 + settings.reviewBlocks());
    }

    /**
     * The review of a learned range: the range of the block after warm-up replaces it when it is less than
     * {@link #REVIEW_SHRINK} as wide. Over a block of 50 readings of steady noise Qn varies by about 12% (the MAD
     * by 16%; {@link Normalisation#qn}), so a range half as wide is not chance: the warm-up held something that
     * was not its normal behaviour (a drift, a level shift, a burst of noise), and the range learned from it would
     * hide the next ones. A wider block never replaces the range: anomalies must not widen it.
     */
    static Normalisation review(final Normalisation learned, final Normalisation block) {
        return block.width() < REVIEW_SHRINK * learned.width() ? block : learned;
    }

    /**
     * The range after a review block. A range learned while no block could tell whether the metric varies (they were
     * mostly stuck: {@link Blocks#changedFraction} is NaN) came from a handful of distinct values, and the first block
     * that can tell replaces it, wider or not (one simulated warm-up stuck for 33 of its 50 readings left a range four
     * times too narrow, and 30 false alarms: EVALUATION.md, session 8), if it is a fair sample: it says the metric does
     * not vary, or its value changed at least {@link Blocks#VARYING} of the time with no run left out, or it shows the
     * sensor's noise ({@link ReviewBlock#showsNoise}: off its median throughout, without a trend). A sensor that read
     * one value throughout (a light sensor in the dark, 0 lux) and whose first block with changes held a drift from
     * that value would otherwise take the drift's range and hide its later drifts (seed 7's door-4: five missed;
     * EVALUATION.md, session 9); a block that begins with the tail of the warm-up's stuck run and is noise after it is
     * a fair sample (seed 808's door-8, stuck over its first 60 readings, kept a range learned from the warm-up's 4
     * distinct values, 44 lux wide (112 with the change), and raised 34 false alarms in 7,500 simulated seconds;
     * EVALUATION.md, session 25). A block in which a varying metric was stuck part of the time ({@link
     * ReviewBlock#changeRate} below {@link Blocks#VARYING}) reviews nothing: it neither narrows nor moves the range.
     * A block that shows the sensor is no longer where its range was learned ({@link ReviewBlock#leftBehind}) moves
     * the range there, wider or not: the width review below compares widths only, and a warm-up spent mostly in a
     * level shift learns a range as wide as the sensor's noise, at the shifted level (seed 13's aq-3: its pm10 read
     * about 107 µg/m³ over readings 7-51 instead of 16; its range, 97.6-115.3, stayed for good, every later reading
     * four to five of its widths below it; EVALUATION.md, session 30). Reviews only: a range still settling after them
     * ({@link #settle}) moves by width alone, as a wandering series' calm spells lie anywhere in it. Otherwise {@link
     * #review(Normalisation, Normalisation)}.
     */
    static Normalisation review(final Normalisation learned, final ReviewBlock block, final Boolean variedBefore,
            final Boolean varies) {
        if (variedBefore == null && varies != null
                && (Boolean.FALSE.equals(varies) || block.changeRate() >= Blocks.VARYING || block.showsNoise())) {
            return block.range();
        }
        if (Boolean.TRUE.equals(variedBefore) && block.changeRate() < Blocks.VARYING) {
            return learned;
        }
        return block.leftBehind(learned) ? block.range() : review(learned, block.range());
    }

    /**
     * Whether a metric varies, judged on one more block (the warm-up, then each review block): undecided (null) until
     * a block can tell, then true while every block that can tell says so; false is final.
     */
    private Boolean varies(final Boolean before, final double[] block) {
        final Boolean says = Blocks.judge(block, settings.stuckRun());
        return says == null || Boolean.FALSE.equals(before) ? before : says;
    }
}
