package dev.vigil.state;

import dev.vigil.fleet.FleetScales;
import dev.vigil.fleet.MetricScale;
import dev.vigil.fleet.ScaleUpdate;
import dev.vigil.ingest.Telemetry;
import dev.vigil.model.Normalisation;
import dev.vigil.registry.Device;
import dev.vigil.registry.MetricSettings;
import dev.vigil.scoring.PendingScore;
import dev.vigil.scoring.ScoringSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.DoubleSummaryStatistics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies one telemetry message to a device's state; pure, so it is tested without Kafka.
 *
 * <p>Per (device, metric), in order:
 * <ol>
 *   <li>A reading whose timestamp is not after the metric's last timestamp is refused: equal is a
 *       {@code DUPLICATE}, older is {@code OUT_OF_ORDER}. The window is a time-ordered sequence; a late value
 *       cannot be placed in it without rewriting scores already published.</li>
 *   <li>A missing ({@code null}) reading is imputed with the median of the metric's window (its last W values:
 *       recent, so a daily cycle or an earlier anomaly does not pull it away, unlike an all-time mean) and
 *       flagged; it enters the window but not the statistics. With no statistics yet it is skipped.</li>
 *   <li>The value joins the window (last W) and, if real, the running statistics.</li>
 *   <li>After {@code warmupReadings} real readings the normalisation is learned from them, robustly (median and
 *       Qn, {@link Normalisation#robust}), and frozen; an expected range in the registry overrides it and needs
 *       no warm-up. Before that, once the window is full and at least W real readings were seen, each reading
 *       is scored with a provisional range learned the same way from the warm-up readings before it
 *       ({@code warmup.provisional}, on by default), so a new device is watched from its W-th reading; a reading
 *       is always judged by the range in force before it ({@link #rangeBefore}). The
 *       range is then reviewed against each of the next {@code warmup.review.blocks} (3) blocks of
 *       {@code warmupReadings} real readings ({@code warmup.review}, on by default; {@link #review}), skipping a
 *       block in which the sensor was stuck ({@link #changeRate}). A range at the floor scale, or still settling
 *       after its reviews, judges the reading by its fleet's typical scale when wider ({@link #withFleetScale}).</li>
 *   <li>Three rules flag what the autoencoder cannot see: a sensor repeating exactly the same value
 *       ({@code rules.stuck.readings} in a row, a whole window at a bound the metric had reached before, never at a
 *       bound it was resting at, {@link #flagsStuck}; for metrics that varied during warm-up and in every review block,
 *       {@link #VARYING}; during the first warm-up, in the warm-up so far), a run of missing
 *       readings ({@code rules.missing.readings} in a row), and a level the series has never been at (beyond its
 *       {@link Envelope} by {@code rules.envelope.deviations}). Each fires once per run.</li>
 *   <li>Once the window is full and a normalisation exists, and the metric is enabled, the reading is queued
 *       for scoring with its threshold: registry metric threshold, else registry device threshold, else the
 *       global one.</li>
 *   <li>The message's scored readings update the device's movement ({@link DeviceMovements}); a queued reading the
 *       movement explains carries {@code movement}, and the autoencoder's alarm on it is not raised.</li>
 * </ol>
 */
public final class DeviceStateUpdater {

    /**
     * The new state, the readings to score, the metrics refused, and the learned ranges that were settled by this
     * message (for the {@code metric-scales} topic; only of a device with a type in the registry). A settled range is
     * final ({@link MetricState#reviewed}), and clear of any bound ({@link #unsettled}): a dim light sensor clipped at 0
     * lux has a scale from the part of its noise above 0, narrower than its noise (counting every learned range instead
     * raised 13 door false alarms on seed 99's normal data where settled ones raised 12, EVALUATION.md, session 26).
     */
    public record Update(DeviceState state, List<PendingScore> toScore, List<String> duplicates,
            List<String> outOfOrder, List<ScaleUpdate> scales) {
    }

    /**
     * A metric "varies" when at least this share of its consecutive warm-up readings differ, and stops varying for
     * good when one of its review blocks falls below it ({@link #varies}): a sensor that repeats its value that often
     * (a coarse one, or one resting at a bound) repeats it five times by chance, so the stuck rule is not for it. One
     * block of 50 is a small sample: a proximity sensor resting at 5 cm repeats about half of its values, yet one
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
    /** A reviewed range replaces the learned one when it is less than this fraction as wide. */
    static final double REVIEW_SHRINK = 0.5;
    /**
     * How many values off its median a block needs to show a sensor's noise ({@link #leftItsConstantThroughout}): a
     * scale learned from fewer is a guess (Qn of 5 values is the 3rd smallest of their 10 distances).
     */
    static final int NOISE_READINGS = 5;
    /** How many times the spread its steps explain a block of noise may spread ({@link #noiseLike}). */
    static final double TREND = 2;

    /** A reading of the message that will be scored, before the device's movement is known. */
    /** @param value as windowed (a cyclic metric unwrapped); {@code reported} as sent (or imputed) */
    private record Scorable(String metric, double value, double reported, boolean imputed, MetricState before,
            MetricState after, Normalisation normalisation, double threshold, String rule, boolean scoredBefore) {
    }

    private final ScoringSettings settings;
    private final FleetScales fleet;
    private final DeviceMovements movements;

    /** An updater without fleet scales (a range at the floor scale stays so). */
    public DeviceStateUpdater(final ScoringSettings settings) {
        this(settings, FleetScales.NONE);
    }

    public DeviceStateUpdater(final ScoringSettings settings, final FleetScales fleet) {
        this.settings = settings;
        this.fleet = fleet;
        this.movements = new DeviceMovements(settings.movementMetrics(), settings.movementsNormalAfter(),
                settings.windowSize());
    }

    public Update apply(final DeviceState current, final Telemetry telemetry, final Device device,
            final long recordTimestamp) {
        final DeviceState state = current == null ? DeviceState.empty(telemetry.deviceId()) : current;
        final Map<String, MetricState> metrics = new LinkedHashMap<>(state.metrics());
        final List<PendingScore> toScore = new ArrayList<>();
        final List<String> duplicates = new ArrayList<>();
        final List<String> outOfOrder = new ArrayList<>();
        final Instant ts = telemetry.timestamp();
        final List<Scorable> scorable = new ArrayList<>();
        final List<ScaleUpdate> scales = new ArrayList<>();
        final String type = device == null ? null : device.type();
        int applied = 0;
        for (final Map.Entry<String, Double> reading : telemetry.readings().entrySet()) {
            final String metric = reading.getKey();
            final MetricState before = metrics.getOrDefault(metric, MetricState.EMPTY);
            if (before.lastTimestamp() != null && !ts.isAfter(before.lastTimestamp())) {
                (ts.equals(before.lastTimestamp()) ? duplicates : outOfOrder).add(metric);
                continue;
            }
            final boolean imputed = reading.getValue() == null;
            if (imputed && before.stats().count() == 0) {
                continue;
            }
            final MetricSettings metricSettings = device == null ? MetricSettings.NONE : device.settings(metric);
            final double value = imputed ? Normalisation.median(before.window())
                    : metricSettings.unwrap(before.lastValue(), reading.getValue());
            MetricState after = advance(before, value, imputed, ts);
            applied++;
            if (type != null && after.reviewed() && !before.reviewed()) {
                scales.add(new ScaleUpdate(MetricScale.key(telemetry.deviceId(), metric),
                        MetricScale.of(type, metric, after.learned(), settings.sigmas())));
            }
            final Normalisation normalisation = metricSettings.expectedRange() != null
                    ? new Normalisation(metricSettings.expectedRange().min(), metricSettings.expectedRange().max())
                    : withFleetScale(rangeBefore(before, after, imputed), before, type, metric);
            if (normalisation != null && after.window().length == settings.windowSize() && metricSettings.isEnabled()) {
                // not provisional: a learned range was in force before this reading (or nothing is scored before one)
                final boolean frozen = metricSettings.expectedRange() != null || before.learned() != null
                        || !settings.provisionalWarmup();
                final String rule = rule(after, imputed, frozen && !metricSettings.isCyclic() ? normalisation : null);
                after = PendingScore.ENVELOPE.equals(rule) ? after.withEnvelope(after.envelope().raise()) : after;
                scorable.add(new Scorable(metric, value, imputed ? value : reading.getValue(), imputed, before, after,
                        normalisation, threshold(device, metricSettings), rule, scored(before, metricSettings)));
            }
            metrics.put(metric, after);
        }
        final DeviceMovements.Outcome movement = movements.enabled() && applied > 0
                && DeviceMovements.mayMove(state.movedAt(), scorable.size())
                ? movements.apply(state.messages() + 1, state.movement(), metrics,
                        scorable.stream().map(this::movementReading).toList())
                : state.movement();
        for (final Scorable s : scorable) {
            toScore.add(pending(telemetry.deviceId(), device, ts, s, recordTimestamp,
                    movement.explained().contains(s.metric())));
        }
        final Instant firstSeen = applied > 0 && (state.firstSeen() == null || ts.isBefore(state.firstSeen()))
                ? ts : state.firstSeen();
        final Instant lastSeen = applied > 0 && (state.lastSeen() == null || ts.isAfter(state.lastSeen()))
                ? ts : state.lastSeen();
        final DeviceState next = new DeviceState(state.deviceId(), firstSeen, lastSeen,
                state.messages() + (applied > 0 ? 1 : 0), state.rejectedReadings() + duplicates.size() + outOfOrder.size(),
                state.anomalies(), metrics, state.lastAnomaly(), movement.movedAt(), movement.movingSince(),
                movement.movements());
        return new Update(next, toScore, duplicates, outOfOrder, scales);
    }

    /**
     * A range the reviews could not trust, widened to its fleet's typical scale ({@link FleetScales}: the median over
     * the settled ranges of the devices of its type), when one is known and wider: a range at the floor scale
     * ({@link Normalisation#atFloor}: learned from a sensor that never varied, a light sensor in the dark), or one still
     * settling after its reviews ({@link #unsettled}: at the floor, or clipped at a bound). The floor has no magnitude:
     * every departure is infinitely far, and a dark sensor whose light comes up slowly raised alarms at its first
     * sparse readings above 0 lux, until two blocks of 50 showed its noise (seed 99's door-2: 21 false alarms over its
     * dawn); the range those two blocks gave came from noise clipped at 0 lux, about a fifth of the sensor's (by its
     * errors), and raised 3 more (EVALUATION.md, session 26). The range in the state is unchanged (it keeps settling);
     * only the reading is judged by the wider one.
     */
    private Normalisation withFleetScale(final Normalisation range, final MetricState before, final String type,
            final String metric) {
        if (range == null || type == null || !range.atFloor(settings.sigmas()) && !settling(before)) {
            return range;
        }
        final double scale = fleet.scale(type, metric);
        if (!(scale * 2 * settings.sigmas() > range.width())) {
            return range;
        }
        final double centre = (range.lo() + range.hi()) / 2;
        return new Normalisation(centre - settings.sigmas() * scale, centre + settings.sigmas() * scale);
    }

    /**
     * What a scored reading tells the device's movement. The excursions before it are needed only when the reading is
     * off (one that is not cannot leave its level), and computed only then (a median of the window each).
     */
    private DeviceMovements.Reading movementReading(final Scorable s) {
        final double far = DeviceMovements.far(s.threshold(), settings.windowSize());
        final double[] window = s.after().window();
        final double excursion = DeviceMovements.excursion(window, s.normalisation());
        final boolean before = excursion >= far && s.scoredBefore();
        return new DeviceMovements.Reading(s.metric(), excursion,
                before ? DeviceMovements.excursionBefore(window, 1, s.normalisation()) : 0,
                before ? DeviceMovements.excursionBefore(window, 2, s.normalisation()) : 0, far, still(s.after()),
                stuck(s.after()));
    }

    /**
     * Whether the metric's previous reading was scored. If it was not, a movement already under way cannot have been
     * seen starting, so the first scored reading counts as leaving its level from rest (its previous excursion is
     * taken as 0): seed 7's door-4 began opening two readings before its first scored one, and that opening raised
     * three false alarms on normal data (EVALUATION.md, session 9).
     */
    private boolean scored(final MetricState before, final MetricSettings metricSettings) {
        return before.window().length == settings.windowSize() && (metricSettings.expectedRange() != null
                || before.learned() != null
                || provisionalReady(before));
    }

    /** Whether the warm-up so far is used (provisional scoring on, at least W readings in it). */
    private boolean provisionalReady(final MetricState during) {
        return provisionalReady(during.warmup().length);
    }

    /** Whether a warm-up of {@code readings} real readings is used (provisional scoring on, at least W of them). */
    private boolean provisionalReady(final int readings) {
        return settings.provisionalWarmup() && readings >= settings.windowSize();
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
    private Normalisation rangeBefore(final MetricState before, final MetricState after, final boolean imputed) {
        if (before.learned() != null) {
            return before.learned();
        }
        if (!settings.provisionalWarmup()) {
            return after.learned();
        }
        return provisionalReady(before.warmup().length + (imputed ? 0 : 1))
                ? Normalisation.robust(before.warmup(), settings.sigmas()) : null;
    }

    private MetricState advance(final MetricState before, final double value, final boolean imputed,
            final Instant ts) {
        final RunningStats stats = imputed ? before.stats() : before.stats().add(value);
        double[] warmup = before.warmup();
        Normalisation learned = before.learned();
        Boolean varies = before.varies();
        boolean reviewed = before.reviewed();
        final boolean settling = settling(before);
        if (!imputed && (learned == null || !reviewed && settings.reviewWarmup())) {
            warmup = Arrays.copyOf(warmup, warmup.length + 1);
            warmup[warmup.length - 1] = value;
            if (settling && warmup.length >= 2 * settings.warmupReadings()) {
                final double[][] blocks = {Arrays.copyOfRange(warmup, 0, warmup.length / 2),
                        Arrays.copyOfRange(warmup, warmup.length / 2, warmup.length)};
                final Normalisation later = settled(learned, blocks);
                reviewed = later != learned && !clippedAtABound(blocks[0]) && !clippedAtABound(blocks[1]);
                learned = later;
                warmup = new double[0];
            } else if (!settling && warmup.length >= settings.warmupReadings()) {
                final Normalisation block = Normalisation.robust(warmup, settings.sigmas());
                varies = varies(varies, warmup);
                if (learned == null) {
                    learned = block;
                    reviewed = !settings.reviewWarmup();
                } else {
                    learned = review(learned, block, before.varies(), varies, changeRate(warmup),
                            before.varies() == null && showsItsNoise(warmup));
                    reviewed = reviewsDone(stats) && !unsettled(learned, varies, warmup);
                }
                warmup = new double[0];
            }
        }
        final int sameRun = imputed ? 0
                : before.lastValue() != null && !before.lastImputed() && before.lastValue() == value
                        ? before.sameRun() + 1 : 1;
        final int missingRun = imputed ? before.missingRun() + 1 : 0;
        final double[] window = append(before.window(), value);
        return new MetricState(window, stats, before.received() + 1, before.imputed() + (imputed ? 1 : 0), ts, value,
                imputed, learned, warmup, reviewed, sameRun, resting(before, window, sameRun), missingRun, varies,
                before.lastAlarm(), before.movementExcursion(), before.movementExcursions(), envelope(before, value),
                before.peak());
    }

    /**
     * Whether the run of identical values the newest reading belongs to continues a rest: at its
     * {@code rules.stuck.readings}-th reading, whether an earlier reading of the window (before the run) had its value;
     * after that, what was judged then; false for a shorter run.
     */
    private boolean resting(final MetricState before, final double[] window, final int sameRun) {
        final int readings = settings.stuckReadings();
        if (readings <= 0 || sameRun != readings) {
            return readings > 0 && sameRun > readings && before.resting();
        }
        final double value = window[window.length - 1];
        for (int i = 0; i < window.length - sameRun; i++) {
            if (window[i] == value) {
                return true;
            }
        }
        return false;
    }

    /**
     * The envelope after {@code value} joined the window: widened by the value that left it (the oldest of a full
     * window), and its excursion over once {@code value} is inside ({@link Envelope}).
     */
    private Envelope envelope(final MetricState before, final double value) {
        final double[] window = before.window();
        if (window.length < settings.windowSize()) {
            return before.envelope();
        }
        return (before.envelope() == null ? Envelope.of(window) : before.envelope().with(window[0])).after(value);
    }

    /**
     * Whether a range is not settled when the last review block is done: it has the floor scale ({@link
     * Normalisation#atFloor}: its blocks never varied, a light sensor in the dark) or the last block rested at a bound
     * ({@link #clippedAtABound}: a dim light sensor whose noise is clipped at 0 lux, whose scale came from the part of its
     * noise above the bound), unless the metric was judged constant for good and takes few values between its bounds
     * ({@link #continuousBetweenItsBounds}: a proximity sensor at rest reads 5.000, 4.999 or 4.998 cm, and its blocks
     * will never be clear of its bound). Such a range keeps collecting blocks, two at a time ({@link #settled}), and
     * the first pair that replaces it without resting at a bound settles it. Before session 24 both were final after
     * the reviews, and a dark room that later got light (a simulated light sensor clipped at 0 lux whose daily cycle
     * rises: seed 99's door-2) raised 130 false alarms in 7,500 simulated seconds of normal data (EVALUATION.md,
     * session 24). Until session 25 a metric judged constant was final too: a dim light sensor that read 0 lux most of
     * its warm-up and reviews repeats 0 too often to "vary", and seed 808's door-9, lit later, raised 67 false alarms
     * in 7,500 simulated seconds of normal data (0 with the change; EVALUATION.md, session 25).
     */
    private boolean unsettled(final Normalisation learned, final Boolean varies, final double[] lastBlock) {
        return learned.atFloor(settings.sigmas()) || clippedAtABound(lastBlock)
                && (!Boolean.FALSE.equals(varies) || continuousBetweenItsBounds(lastBlock));
    }

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
     * The range of a metric that is not settled, after two more blocks: the narrower of their ranges when both show
     * the sensor's noise ({@link #showsItsNoise}) and it is wider than the range in force, else that range. Two blocks,
     * not one: two anomalies can fall in one block (two noise bursts 36 readings apart on seed 99's dark door-2 light
     * took its range to ±400 lux, and its later bursts went unseen; EVALUATION.md, session 24), less often in two in a
     * row (inferred from the rates, not measured).
     */
    private Normalisation settled(final Normalisation learned, final double[][] blocks) {
        if (!showsItsNoise(blocks[0]) || !showsItsNoise(blocks[1])) {
            return learned;
        }
        final Normalisation first = Normalisation.robust(blocks[0], settings.sigmas());
        final Normalisation second = Normalisation.robust(blocks[1], settings.sigmas());
        final Normalisation narrower = first.width() <= second.width() ? first : second;
        return narrower.width() > learned.width() ? narrower : learned;
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
     * Whether a block shows a sensor's own noise rather than an anomaly: it left its constant throughout
     * ({@link #leftItsConstantThroughout}: an anomaly is an episode, a spike one reading and a noise burst at most 15 in
     * the simulator), and its spread is what its steps make of it ({@link #noiseLike}: a drift is a trend, not noise).
     */
    static boolean showsItsNoise(final double[] block) {
        return leftItsConstantThroughout(block) && noiseLike(block);
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
     * Whether at least {@link #NOISE_READINGS} values of the block differ from its median, the first and the last of
     * them at least half the block apart.
     */
    static boolean leftItsConstantThroughout(final double[] block) {
        final double median = Normalisation.median(block);
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
     * Whether the metric's range is still settling: learned, its review blocks done, and not settled by them
     * ({@link #unsettled}), so it keeps collecting blocks two at a time ({@link #settled}).
     */
    private boolean settling(final MetricState metric) {
        return metric.learned() != null && !metric.reviewed() && reviewsDone(metric.stats());
    }

    /** Whether the last review block is done: every real reading since the first went into a block. */
    private boolean reviewsDone(final RunningStats stats) {
        return stats.count() >= (long) settings.warmupReadings() * (1 + settings.reviewBlocks());
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
     * The range after a review block. A range learned while no block could tell whether the metric varies (they
     * were mostly stuck: {@link #changedFraction} is NaN) came from a handful of distinct values, and the first
     * block that can tell replaces it, wider or not (one simulated warm-up stuck for 33 of its 50 readings left a
     * range four times too narrow, and 30 false alarms: EVALUATION.md, session 8), if it is a fair sample: it says
     * the metric does not vary, or its value changed at least {@link #VARYING} of the time with no run left out, or
     * it shows the sensor's noise ({@code blockShowsNoise}, {@link #showsItsNoise}: off its median throughout, without
     * a trend). A sensor that read one value throughout (a light sensor in the dark, 0 lux) and whose first block with
     * changes held a drift from that value would otherwise take the drift's range and hide its later drifts (seed 7's
     * door-4: five missed; EVALUATION.md, session 9); a block that begins with the tail of the warm-up's stuck run and
     * is noise after it is a fair sample (seed 808's door-8, stuck over its first 60 readings, kept a range learned
     * from the warm-up's 4 distinct values, 44 lux wide (112 with the change), and raised 34 false alarms in 7,500
     * simulated seconds; EVALUATION.md, session 25). A block in which a varying metric was stuck part of the time
     * ({@link #changeRate} below {@link #VARYING}) reviews nothing. Otherwise {@link #review(Normalisation,
     * Normalisation)}.
     */
    static Normalisation review(final Normalisation learned, final Normalisation block, final Boolean variedBefore,
            final Boolean varies, final double blockChangeRate, final boolean blockShowsNoise) {
        if (variedBefore == null && varies != null
                && (Boolean.FALSE.equals(varies) || blockChangeRate >= VARYING || blockShowsNoise)) {
            return block;
        }
        return Boolean.TRUE.equals(variedBefore) && blockChangeRate < VARYING ? learned : review(learned, block);
    }

    /**
     * Whether a metric varies, judged on one more block (the warm-up, then each review block): undecided (null) until
     * a block can tell, then true while every block that can tell says so; false is final.
     */
    private Boolean varies(final Boolean before, final double[] block) {
        final Boolean says = judge(block, stuckRun());
        return says == null || Boolean.FALSE.equals(before) ? before : says;
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

    /** The run length the stuck rule flags: runs this long are left out when deciding whether a metric varies. */
    private int stuckRun() {
        return Math.max(2, settings.stuckReadings());
    }

    /**
     * The rule that flags this reading by itself, or null: the {@code stuck.readings}-th identical value in a row
     * of a metric that varies ({@link #variesSoFar}), the {@code missing.readings}-th missing reading in a row, or a
     * real reading beyond the metric's {@link Envelope} ({@link #beyondEnvelope}; only once the warm-up and its review
     * blocks are over, 200 real readings at the defaults, with a range that is not provisional: {@code frozen} is null
     * otherwise; from the end of the warm-up instead, an envelope of a few dozen values raised 4 false alarms on seed
     * 13, door openings dimming a light sensor beyond anything its warm-up had, EVALUATION.md, session 10). Each fires
     * once per run. The envelope rule does not apply to a cyclic metric ({@code frozen} is null for it too): its
     * unwrapped series moves by a whole period each turn, so a device that turns round keeps leaving every level it
     * had, and a compass heading has no level it "never reached".
     */
    private String rule(final MetricState after, final boolean imputed, final Normalisation frozen) {
        if (settings.stuckReadings() > 0 && flagsStuck(after) && variesSoFar(after)) {
            return PendingScore.STUCK;
        }
        if (settings.missingReadings() > 0 && after.missingRun() == settings.missingReadings()) {
            return PendingScore.MISSING;
        }
        return !imputed && frozen != null && reviewsDone(after.stats()) && beyondEnvelope(after, frozen)
                ? PendingScore.ENVELOPE : null;
    }

    /**
     * Whether this reading completes a run of identical values the stuck rule flags: its
     * {@code rules.stuck.readings}-th reading, or, for a value at a bound the metric had reached before the run
     * ({@link #restsAtABound}), its W-th, unless the run continues a rest there ({@link MetricState#resting}: the window before the run had the value
     * already). A sensor resting at its bound (a light sensor at 0 lux while its door swings into a dark frame) is no
     * news for as long as a device movement lasts (fewer than W − 1 messages, README step 10), while a sensor stuck
     * there, or a shift or drift clipped at the bound, stays longer: seed 555's door-10, whose light sits at about 10
     * lux and reads 0 through every opening, raised 3-9 stuck-rule false alarms per simulated run at 5 readings
     * (EVALUATION.md, session 16). A sensor that rests there now and then (a light sensor whose daily cycle took it
     * below 0 lux, poking above it now and then) is no news however long it stays: such sensors raised one stuck-rule
     * false alarm per rest longer than W, 17-30 per 7,500 simulated seconds (seeds 555 and 808; EVALUATION.md, session
     * 25). A run flagged at its W-th reading is one that arrived at the bound from elsewhere, such as a level shift or
     * drift clipped at 0 that the autoencoder did not flag: a variant that never flagged a run at a bound lost up to
     * 0.02 of the door drifts' recall and up to 0.009 of the air-quality level shifts' on the simulated seeds (session
     * 25).
     */
    private boolean flagsStuck(final MetricState after) {
        final int readings = settings.stuckReadings();
        final int atBound = Math.max(readings, settings.windowSize());
        final int run = after.sameRun();
        if (run != readings && run != atBound) {
            return false;
        }
        if (atBound == readings || !restsAtABound(after)) {
            return run == readings;
        }
        return run == atBound && !after.resting();
    }

    /**
     * Whether the repeated value is the lowest or the highest of every value before its run: the metric's envelope and
     * the readings of its window before the run. Only once the run started after the first window (the envelope is
     * built from that window), so that the run's own values are not among them. At the run's W-th reading the window
     * is the run and the values that left it are the ones the check at its {@code rules.stuck.readings}-th reading saw
     * in the window: both checks give the same answer, and the rule fires once per run.
     */
    private boolean restsAtABound(final MetricState after) {
        final Envelope envelope = after.envelope();
        final double[] window = after.window();
        final int run = after.sameRun();
        if (envelope == null || run > window.length || after.received() - run < settings.windowSize()) {
            return false;
        }
        Envelope before = envelope;
        for (int i = 0; i < window.length - run; i++) {
            before = before.with(window[i]);
        }
        final double value = window[window.length - 1];
        return value == before.lo() || value == before.hi();
    }

    /**
     * Whether the newest value lies beyond the metric's envelope (every value before its window) by at least
     * {@code rules.envelope.deviations} of the range's noise deviations (the range is {@code sigmas} of them each way
     * of its centre: 3 of 24 at the defaults, 0.125 on the normalised scale), unless the rule flagged an earlier
     * reading and the series has not been back inside the envelope as it stood then ({@link Envelope#raised}): a series
     * that keeps climbing stays about that far ahead of its envelope, which lags a window behind, and raises one alarm
     * rather than one each time its noise crosses the margin. The autoencoder misses such a level when the series
     * climbs to it over more than a window (NAB's ambient temperature rising 7 °F above its highest in five months,
     * over a day; EVALUATION.md, session 10).
     */
    private boolean beyondEnvelope(final MetricState after, final Normalisation range) {
        final Envelope envelope = after.envelope();
        final double[] window = after.window();
        final double margin = settings.envelopeDeviations() / (2 * settings.sigmas());
        return settings.envelopeDeviations() > 0 && envelope != null && envelope.raised() == null
                && envelope.beyond(window[window.length - 1], range) >= margin;
    }

    /**
     * Whether the metric varies, as far as its blocks tell; during its first warm-up, once it holds W readings (when
     * the provisional range starts scoring), judged the same way on the warm-up so far, so that a sensor stuck early
     * in its life is flagged too.
     */
    private boolean variesSoFar(final MetricState after) {
        if (after.varies() != null || after.learned() != null) {
            return Boolean.TRUE.equals(after.varies());
        }
        return provisionalReady(after) && Boolean.TRUE.equals(judge(after.warmup(), stuckRun()));
    }

    /**
     * Whether a sensor that varies cannot show a movement now: missing, or repeating one value as long as a stuck run.
     * (A sensor that never varies, such as a proximity sensor at rest or a light sensor in the dark, is not counted.)
     */
    private boolean still(final MetricState after) {
        return Boolean.TRUE.equals(after.varies()) && after.missingRun() > 0 || stuck(after);
    }

    /** Whether a sensor that varies repeats one value as long as a stuck run. */
    private boolean stuck(final MetricState after) {
        return Boolean.TRUE.equals(after.varies()) && after.sameRun() >= stuckRun();
    }

    private double[] append(final double[] window, final double value) {
        final int keep = Math.min(window.length, settings.windowSize() - 1);
        final double[] next = Arrays.copyOfRange(window, window.length - keep, window.length + 1);
        next[keep] = value;
        return next;
    }

    private double threshold(final Device device, final MetricSettings metricSettings) {
        if (metricSettings.threshold() != null) {
            return metricSettings.threshold();
        }
        if (device != null && device.threshold() != null) {
            return device.threshold();
        }
        return settings.threshold();
    }

    private static PendingScore pending(final String deviceId, final Device device, final Instant ts,
            final Scorable s, final long recordTimestamp, final boolean movement) {
        final double mean = s.before().stats().mean();
        final double std = s.before().stats().std();
        final double z = std > 0 ? (s.value() - mean) / std : 0;
        // a device moving as a whole explains a level beyond the envelope as it explains an autoencoder alarm
        final String rule = movement && PendingScore.ENVELOPE.equals(s.rule()) ? null : s.rule();
        return new PendingScore(deviceId, device == null ? null : device.type(), s.metric(), ts, s.reported(), s.imputed(),
                s.after().window(), s.normalisation(), s.threshold(), z, mean, std, recordTimestamp, rule,
                s.after().received(), movement);
    }
}
