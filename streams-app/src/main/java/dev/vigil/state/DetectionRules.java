package dev.vigil.state;

import dev.vigil.model.Normalisation;
import dev.vigil.scoring.PendingScore;
import dev.vigil.scoring.ScoringSettings;

/**
 * The rules that flag what an autoencoder over a normalised window cannot see (README, "Rules"): a sensor stuck on
 * one value ({@link #flagsStuck}), a run of missing readings, and a level the series has never been at
 * ({@link #beyondEnvelope}); and what they tell a device's movement ({@link #still}, {@link #stuck}).
 */
final class DetectionRules {

    private final ScoringSettings settings;
    private final RangeLearning learning;

    DetectionRules(final ScoringSettings settings, final RangeLearning learning) {
        this.settings = settings;
        this.learning = learning;
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
    String rule(final MetricState after, final boolean imputed, final Normalisation frozen) {
        if (settings.stuckReadings() > 0 && flagsStuck(after) && variesSoFar(after)) {
            return PendingScore.STUCK;
        }
        if (settings.missingReadings() > 0 && after.missingRun() == settings.missingReadings()) {
            return PendingScore.MISSING;
        }
        return !imputed && frozen != null && learning.reviewsDone(after.stats()) && beyondEnvelope(after, frozen)
                ? PendingScore.ENVELOPE : null;
    }

    /**
     * Whether the run of identical values the newest reading belongs to continues a rest: at its
     * {@code rules.stuck.readings}-th reading, whether an earlier reading of the window (before the run) had its value;
     * after that, what was judged then; false for a shorter run.
     */
    boolean resting(final MetricState before, final double[] window, final int sameRun) {
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
     * Whether this reading completes a run of identical values the stuck rule flags: its {@code
     * rules.stuck.readings}-th reading, or, for a value at a bound the metric had reached before the run ({@link
     * #restsAtABound}), its W-th, unless the run continues a rest there ({@link MetricState#resting}: the window before
     * the run had the value already). A sensor resting at its bound (a light sensor at 0 lux while its door swings into
     * a dark frame) is no news for as long as a device movement lasts (fewer than W − 1 messages, README step 10),
     * while a sensor stuck there, or a shift or drift clipped at the bound, stays longer: seed 555's door-10, whose
     * light sits at about 10 lux and reads 0 through every opening, raised 3-9 stuck-rule false alarms per simulated
     * run at 5 readings (EVALUATION.md, session 16). A sensor that rests there now and then (a light sensor whose daily
     * cycle took it below 0 lux, poking above it now and then) is no news however long it stays: such sensors raised
     * one stuck-rule false alarm per rest longer than W, 17-30 per 7,500 simulated seconds (seeds 555 and 808;
     * EVALUATION.md, session 25). A run flagged at its W-th reading is one that arrived at the bound from elsewhere,
     * such as a level shift or drift clipped at 0 that the autoencoder did not flag: a variant that never flagged a run
     * at a bound lost up to 0.02 of the door drifts' recall and up to 0.009 of the air-quality level shifts' on the
     * simulated seeds (session 25).
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
        return learning.provisionalReady(after.warmup().length)
                && Boolean.TRUE.equals(Blocks.judge(after.warmup(), settings.stuckRun()));
    }

    /**
     * Whether a sensor that varies cannot show a movement now: missing, or repeating one value as long as a stuck run.
     * (A sensor that never varies, such as a proximity sensor at rest or a light sensor in the dark, is not counted.)
     */
    boolean still(final MetricState after) {
        return Boolean.TRUE.equals(after.varies()) && after.missingRun() > 0 || stuck(after);
    }

    /** Whether a sensor that varies repeats one value as long as a stuck run. */
    boolean stuck(final MetricState after) {
        return Boolean.TRUE.equals(after.varies()) && after.sameRun() >= settings.stuckRun();
    }
}
