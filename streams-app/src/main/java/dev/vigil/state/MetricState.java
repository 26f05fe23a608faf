package dev.vigil.state;

import dev.vigil.model.Normalisation;
import java.time.Instant;

/**
 * What Vigil keeps for one metric of one device.
 *
 * @param window the last W values (oldest first), imputed ones included, in the metric's own units
 * @param stats running statistics of the real readings
 * @param received readings received, imputed ones included
 * @param imputed readings that were missing and imputed
 * @param learned the normalisation learned at the end of warm-up (null before); frozen afterwards, but for the
 *     one review that may replace it
 * @param warmup the real readings of the warm-up, kept until the normalisation is learned from them, then those of
 *     the current review block (then empty once every review block is done)
 * @param reviewed whether the learned range had all its reviews ({@code warmup.review.blocks}; or needs none); false in
 *     states written before the review existed
 * @param sameRun how many real readings in a row had exactly the same value (1: the last differs from the one before)
 * @param resting whether that run continues a rest: the readings before it in the window held its value already (judged
 *     at its {@code rules.stuck.readings}-th reading, false before; {@code DetectionRules.flagsStuck}); false in
 *     states written before it existed
 * @param missingRun how many readings in a row were missing (0: the last was real)
 * @param varies whether the metric varies, so that a run of identical values means a stuck sensor: judged on the
 *     warm-up and each review block ({@code Blocks.judge}); null while no block could tell
 * @param lastAlarm the {@code received} count of the metric's reading last flagged by the autoencoder (0: none)
 * @param movementExcursion the metric's largest excursion during the device movement under way (0: none; see
 *     {@link DeviceMovements})
 * @param movementExcursions the metric's largest excursion in each of the device's last movements, oldest first
 *     (at most {@link DeviceMovements#REMEMBERED})
 * @param envelope the lowest and highest values before the current window ({@link Envelope}); null until a value
 *     first leaves the window, when it starts as the values of that full window (so does a state written before the
 *     envelope existed)
 * @param peak the largest error over the threshold of the series' recent readings ({@link ErrorPeak}); null: none yet
 *     (so does a state written before the escalation gate existed)
 */
public record MetricState(
        double[] window,
        RunningStats stats,
        long received,
        long imputed,
        Instant lastTimestamp,
        Double lastValue,
        boolean lastImputed,
        Normalisation learned,
        double[] warmup,
        boolean reviewed,
        int sameRun,
        boolean resting,
        int missingRun,
        Boolean varies,
        long lastAlarm,
        double movementExcursion,
        double[] movementExcursions,
        Envelope envelope,
        ErrorPeak peak) {

    public static final MetricState EMPTY =
            new MetricState(new double[0], RunningStats.EMPTY, 0, 0, null, null, false, null, new double[0], false, 0,
                    false, 0, null, 0, 0, new double[0], null, null);

    public MetricState {
        warmup = warmup == null ? new double[0] : warmup;
        movementExcursions = movementExcursions == null ? new double[0] : movementExcursions;
    }

    /** This state with {@code sequence} (a {@code received} count) as the reading last flagged by the autoencoder. */
    public MetricState withAlarmAt(final long sequence) {
        return new MetricState(window, stats, received, imputed, lastTimestamp, lastValue, lastImputed, learned, warmup,
                reviewed, sameRun, resting, missingRun, varies, sequence, movementExcursion, movementExcursions, envelope, peak);
    }

    /** This state with another {@link Envelope}. */
    public MetricState withEnvelope(final Envelope next) {
        return new MetricState(window, stats, received, imputed, lastTimestamp, lastValue, lastImputed, learned, warmup,
                reviewed, sameRun, resting, missingRun, varies, lastAlarm, movementExcursion, movementExcursions, next, peak);
    }

    /** This state with what it did during the device movement under way or just ended. */
    public MetricState withMovement(final double excursion, final double[] excursions) {
        return new MetricState(window, stats, received, imputed, lastTimestamp, lastValue, lastImputed, learned, warmup,
                reviewed, sameRun, resting, missingRun, varies, lastAlarm, excursion, excursions, envelope, peak);
    }

    /** This state with its range learning after a reading ({@code RangeLearning}). */
    public MetricState withRange(final Normalisation range, final double[] block, final boolean settled,
            final Boolean variesNow) {
        return new MetricState(window, stats, received, imputed, lastTimestamp, lastValue, lastImputed, range, block,
                settled, sameRun, resting, missingRun, variesNow, lastAlarm, movementExcursion, movementExcursions, envelope,
                peak);
    }

    /** This state with another {@link ErrorPeak}. */
    public MetricState withPeak(final ErrorPeak next) {
        return new MetricState(window, stats, received, imputed, lastTimestamp, lastValue, lastImputed, learned, warmup,
                reviewed, sameRun, resting, missingRun, varies, lastAlarm, movementExcursion, movementExcursions, envelope, next);
    }

}
