package dev.vigil.state;

import dev.vigil.model.Normalisation;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Device movements: several sensors of one device leaving their recent level at the same moment, as when the door a
 * phone is fixed to swings open (its angle, both accelerations and the light move together). A faulty sensor moves
 * alone; a device moving as a whole is the device's own doing, and what it does every time is its normal behaviour.
 *
 * <p>Per message, each scored metric's <em>excursion</em> is the distance of its newest normalised value from the
 * median of the rest of its window; it is <em>off</em> at {@link #far}, the distance at which one point alone brings
 * a window's error to the threshold. A movement starts when at least {@code movements.metrics} metrics <em>leave</em>
 * their level in one message (off, not shrinking, with an excursion at least {@link #far} larger than in the message
 * before or the one before that: a door swings all of them within a message or two, while drifts creep; one fewer for
 * each of its varying sensors that is stuck or missing, but at least two), or two that are off in the device's earlier
 * movements (its other sensors may be stuck or missing; one of the two may be stuck itself), and lasts
 * while at least two are off (one metric alone, such as a sensor drifting away, does not make the device move). A
 * movement that lasts W − 1 messages or more is no movement (two sensors drifting away together; a door
 * opening takes a few messages): it explains nothing and is not remembered, until a movement starts during it (the
 * door opens while two sensors drift). Each metric remembers its largest excursion in each of the device's last
 * {@link #REMEMBERED} movements. An autoencoder alarm raised while the device moves, or while the windows still hold a
 * movement (the W − 1 messages after it), is <em>explained</em> by it (the score is published with
 * {@code anomaly: false}) when the device has completed at least {@code movements.normal.after} movements and the
 * metric's excursion is at most {@link #MARGIN} times the median of its remembered ones (with none remembered, only
 * during the device's first movement and when {@code movements.normal.after} is 0: then a device's movements are
 * normal from the first; a metric that took no part in the movements before is not explained by the next). A spike
 * during or just after a door opening is still an alarm: it is far larger than what the opening does.
 */
public final class DeviceMovements {

    /** How many movements each metric remembers its excursion for. */
    public static final int REMEMBERED = 5;
    /**
     * An excursion more than this many times the metric's typical one in earlier movements is not the same movement.
     * Not tuned: the door openings of the simulator repeat their size within about 10%, and the anomalies injected
     * there are 5 to 20 times larger.
     */
    static final double MARGIN = 3;

    /** A movement is of the device as a whole: it takes at least this many metrics off or leaving together. */
    static final int FEWEST_METRICS = 2;

    /**
     * One scored reading of a message: its metric, its excursion, the excursions of the metric's two readings before it
     * ({@link #excursionBefore}; 0 when they were not scored), the excursion at which it is off, whether the sensor
     * cannot move now (missing, or stuck: repeating one value as long as the stuck rule's run), and whether it is stuck.
     */
    record Reading(String metric, double excursion, double previous, double earlier, double far, boolean still,
            boolean stuck) {
        boolean off() {
            return excursion >= far;
        }

        /**
         * The metric left its level with this message: it is off, its excursion did not shrink since the message
         * before, and it grew by at least {@code far} since that message or the one before it. A door swings a sensor
         * out within a message or two: one simulated accelerometer went 0.06, 0.40, 0.56 when its door opened, never
         * growing by {@code far} (0.4) from one message to the next, so the door did not move with its heading
         * (EVALUATION.md, session 10). A drift creeps far more slowly; a sensor already drifting away can still leave
         * with the others when the door opens; one settling after a jump (its excursion shrinking) does not leave again.
         */
        boolean leaves() {
            return off() && excursion >= previous && excursion - Math.min(previous, earlier) >= far;
        }
    }

    /**
     * The device's movement after the message, and the metrics whose readings it explains.
     *
     * @param movedAt the device's last message during which it moved (its {@code messages} count; 0: never)
     * @param movingSince the first message of that movement
     * @param movements movements completed
     */
    record Outcome(long movedAt, long movingSince, long movements, Set<String> explained) {
    }

    private final int minMetrics;
    private final int normalAfter;
    private final int windowSize;

    /**
     * @param minMetrics metrics off in one message that start a movement (0: no movements are tracked)
     * @param normalAfter movements a device completes before its movements explain alarms
     * @param windowSize W: a movement stays in the windows for W − 1 messages after it
     */
    public DeviceMovements(final int minMetrics, final int normalAfter, final int windowSize) {
        this.minMetrics = minMetrics;
        this.normalAfter = normalAfter;
        this.windowSize = windowSize;
    }

    boolean enabled() {
        return minMetrics > 0;
    }

    /**
     * The distance from the median of the rest of the window at which one point alone brings a window's mean squared
     * error to {@code threshold}: {@code sqrt(threshold · W)} (0.4 at 0.01 and W = 16).
     */
    public static double far(final double threshold, final int windowSize) {
        return Math.sqrt(threshold * windowSize);
    }

    /** The newest value's distance, normalised, from the median of the rest of the window. */
    static double excursion(final double[] window, final Normalisation normalisation) {
        return excursion(window, window.length, normalisation);
    }

    /**
     * The excursion of the value {@code back} readings before the newest (1: the one before it): its distance,
     * normalised, from the median of the window's values before it; 0 when the window holds too few values before it.
     */
    static double excursionBefore(final double[] window, final int back, final Normalisation normalisation) {
        return window.length < back + 2 ? 0 : excursion(window, window.length - back, normalisation);
    }

    private static double excursion(final double[] window, final int end, final Normalisation normalisation) {
        final double median = Normalisation.median(Arrays.copyOf(window, end - 1));
        return Math.abs(window[end - 1] - median) / normalisation.width();
    }

    /**
     * Whether a message with {@code readings} scored readings can take part in a movement of a device last moving at
     * message {@code movedAt} (0: never). One with fewer than {@link #FEWEST_METRICS} of a device that never moved
     * cannot start one, so the caller need not compute its movement readings (two medians of the window each): a
     * one-metric device never pays for movements (the state update fell from 13% to 6.5% of a stream thread's
     * samples on one-metric devices, BENCHMARKS.md, session 11).
     */
    static boolean mayMove(final long movedAt, final int readings) {
        return readings >= FEWEST_METRICS || movedAt > 0;
    }

    /**
     * Applies message number {@code message} (the device's {@code messages} count with it) to the device's movement
     * ({@code before}): starts, continues or ends it, records the metrics' excursions into {@code metrics} (the
     * updater's working copy) and says which readings the movement explains.
     */
    Outcome apply(final long message, final Outcome before, final Map<String, MetricState> metrics,
            final List<Reading> readings) {
        final boolean wasMoving = before.movedAt() > 0 && before.movedAt() == message - 1;
        final boolean starts = starts(readings, metrics);
        final boolean moving = starts || wasMoving && readings.stream().filter(Reading::off).count() >= FEWEST_METRICS;
        final boolean restarts = starts && wasMoving && before.movedAt() - before.movingSince() >= windowSize - 1;
        if (restarts) {
            end(before.movements(), metrics, false); // forget the long one: it is not remembered
        }
        final long movedAt = moving ? message : before.movedAt();
        final long since = moving && (!wasMoving || restarts) ? message : before.movingSince();
        final boolean tooLong = movedAt - since >= windowSize - 1;
        final long completed = wasMoving && !moving ? end(before.movements(), metrics, !tooLong) : before.movements();
        if (movedAt == 0 || tooLong || message - movedAt >= windowSize) {
            return new Outcome(movedAt, since, completed, Set.of());
        }
        final Set<String> explained = new HashSet<>();
        for (final Reading reading : readings) {
            final MetricState metric = metrics.get(reading.metric());
            if (moving) {
                metrics.put(reading.metric(), metric.withMovement(
                        Math.max(metric.movementExcursion(), reading.excursion()), metric.movementExcursions()));
            }
            if (explains(completed, metric, reading.excursion())) {
                explained.add(reading.metric());
            }
        }
        return new Outcome(movedAt, since, completed, explained);
    }

    /**
     * Whether a movement starts with this message: at least {@code minMetrics} metrics leave their level together (one
     * fewer for each varying sensor that cannot move now, but never fewer than two), or two that are off in the
     * device's movements: two of those moving again is the device moving again, although its other sensors are stuck
     * or missing. One of those that is stuck counts as one of the two, if the other leaves as far as it does in the
     * device's movements (at most {@link #MARGIN} times their median): a door whose two accelerometers were stuck
     * swung its heading out alone, and the heading was flagged (seed 13, EVALUATION.md, session 10). Without that last
     * condition a drifting accelerometer (far beyond its movements) next to a stuck one made movements that taught
     * the door's heading to expect none (seed 7); counting missing sensors too, air-quality monitors (whose readings
     * go missing now and then) explained level shifts away (seed 42). A sensor that does not take part in the
     * device's movements still moves alone.
     */
    private boolean starts(final List<Reading> readings, final Map<String, MetricState> metrics) {
        final List<Reading> leaving = readings.stream().filter(Reading::leaves).toList();
        final long still = readings.stream().filter(Reading::still).count();
        final long asUsual = leaving.stream().filter(r -> movesAsUsual(r, metrics)).count();
        final long stuckMovers = usuallyMoving(readings.stream().filter(Reading::stuck).toList(), metrics);
        return leaving.size() >= Math.max(FEWEST_METRICS, minMetrics - still)
                || usuallyMoving(leaving, metrics) >= FEWEST_METRICS
                || asUsual > 0 && asUsual + stuckMovers >= FEWEST_METRICS;
    }

    /** How many of these readings are of metrics whose remembered excursions have a median of at least far. */
    private static long usuallyMoving(final List<Reading> readings, final Map<String, MetricState> metrics) {
        return readings.stream().filter(r -> usuallyMoving(r, metrics)).count();
    }

    private static boolean usuallyMoving(final Reading reading, final Map<String, MetricState> metrics) {
        final double[] remembered = metrics.get(reading.metric()).movementExcursions();
        return remembered.length > 0 && Normalisation.median(remembered) >= reading.far();
    }

    /** Whether the metric usually moves and this reading's excursion is at most {@link #MARGIN} times its usual one. */
    private static boolean movesAsUsual(final Reading reading, final Map<String, MetricState> metrics) {
        final double[] remembered = metrics.get(reading.metric()).movementExcursions();
        if (remembered.length == 0) {
            return false;
        }
        final double usual = Normalisation.median(remembered);
        return usual >= reading.far() && reading.excursion() <= MARGIN * usual;
    }

    /**
     * Whether the metric's excursions mean something: not one whose range was learned while it could not be told to
     * vary ({@link MetricState#varies()} still undecided: a constant sensor, such as a light sensor reading 0 lux in the
     * dark, whose range has the floor scale, so every excursion of it, in a movement or not, is of the same absurd size
     * and "3 times the usual" means nothing; seed 99's door-5, EVALUATION.md, session 16), unless that range has
     * settled since on blocks that showed the sensor's noise ({@link MetricState#reviewed()}, README step 5): then it
     * has a scale of its own, though whether it varies stays undecided. Without that exception a light sensor that was
     * dark through its warm-up raised alarms after door openings once its light was up (seed 99's door-2: 3 on normal
     * data, 10 in the spike run; EVALUATION.md, session 27). Before its range is learned (the provisional warm-up), no metric has been
     * judged yet, and all may be explained. Testing the floor scale directly instead (of the metric's range, or of the
     * range the reading is judged by, the fleet's included) left 61 and 59 door false alarms on normal data over three
     * seeds, where this test leaves 7 over ten (EVALUATION.md, session 28).
     */
    private static boolean hasScale(final MetricState metric) {
        return metric.learned() == null || metric.varies() != null || metric.reviewed();
    }

    /**
     * Whether the device's movements explain this excursion of the metric: the device has made {@code normalAfter}
     * of them, the metric has a scale ({@link #hasScale}), and the excursion is at most {@link #MARGIN} times the
     * median of those the metric remembers from them (with {@code normalAfter} 0, before the first movement ends,
     * everything is explained).
     */
    private boolean explains(final long movements, final MetricState metric, final double excursion) {
        if (movements < normalAfter || !hasScale(metric)) {
            return false;
        }
        final double[] remembered = metric.movementExcursions();
        if (remembered.length == 0) {
            return normalAfter == 0 && movements == 0;
        }
        return excursion <= MARGIN * Normalisation.median(remembered);
    }

    /**
     * The movement is over. If it counts (it was not too long), every metric that took part remembers its largest
     * excursion in it. (Refusing to remember an excursion much larger than those remembered, so that an anomaly during a
     * movement is not learned, was tried and not kept: a device whose first movements were small ones then never
     * learned its door openings; the median of the last {@link #REMEMBERED} already ignores one or two odd ones.)
     */
    private static long end(final long movements, final Map<String, MetricState> metrics, final boolean counts) {
        for (final Map.Entry<String, MetricState> entry : metrics.entrySet()) {
            final MetricState metric = entry.getValue();
            if (metric.movementExcursion() > 0) {
                final double[] before = metric.movementExcursions();
                entry.setValue(metric.withMovement(0, counts ? remember(before, metric.movementExcursion()) : before));
            }
        }
        return counts ? movements + 1 : movements;
    }

    private static double[] remember(final double[] before, final double excursion) {
        final int keep = Math.min(before.length, REMEMBERED - 1);
        final double[] after = Arrays.copyOfRange(before, before.length - keep, before.length + 1);
        after[keep] = excursion;
        return after;
    }
}
