package dev.vigil.scoring;

import dev.vigil.ingest.DeadLetters;
import dev.vigil.ingest.DlqReason;
import dev.vigil.model.ModelMetadata;
import dev.vigil.model.score.ReconstructionError;
import dev.vigil.model.score.WindowScorer;
import dev.vigil.serde.JsonSerde;
import dev.vigil.state.AnomalySummary;
import dev.vigil.state.DeviceState;
import dev.vigil.state.DeviceStates;
import dev.vigil.state.ErrorPeak;
import dev.vigil.state.MetricState;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores the pending readings in batches of up to {@code batchMaxSize}: one model call per batch, then one
 * score per reading, and for those over their threshold an anomaly record and the device's last anomaly. If the model fails on a batch, its readings go to the dead-letter topic rather
 * than block the queue.
 */
final class BatchFlusher {

    private static final Logger LOG = LoggerFactory.getLogger(BatchFlusher.class);

    private final WindowScorer scorer;
    private final ScoringSettings settings;
    private final PendingScores pending;
    private final DeviceStates states;
    private final ScoreHistory history;
    private final ScoringMetrics metrics;
    private final ProcessorContext<String, ScoringOutput> context;
    private final JsonSerde<PendingScore> pendingSerde = new JsonSerde<>(PendingScore.class); // the DLQ is text

    BatchFlusher(final WindowScorer scorer, final ScoringSettings settings, final PendingScores pending,
            final DeviceStates states, final ScoreHistory history, final ScoringMetrics metrics,
            final ProcessorContext<String, ScoringOutput> context) {
        this.scorer = scorer;
        this.settings = settings;
        this.pending = pending;
        this.states = states;
        this.history = history;
        this.metrics = metrics;
        this.context = context;
    }

    /** Scores everything pending; returns how many readings were scored. */
    long flush() {
        long scored = 0;
        while (pending.size() > 0) {
            final List<KeyValue<Long, PendingScore>> batch = pending.oldest(settings.batchMaxSize());
            if (batch.isEmpty()) {
                break;
            }
            scoreBatch(batch);
            pending.remove(batch);
            scored += batch.size();
        }
        return scored;
    }

    private void scoreBatch(final List<KeyValue<Long, PendingScore>> batch) {
        final float[][] windows = new float[batch.size()][];
        for (int i = 0; i < windows.length; i++) {
            final PendingScore p = batch.get(i).value;
            windows[i] = p.normalisation().apply(p.window());
        }
        final float[][] reconstructions;
        try {
            final long start = System.nanoTime();
            reconstructions = scorer.reconstruct(windows);
            metrics.batch(windows.length, System.nanoTime() - start);
        } catch (final RuntimeException e) {
            LOG.error("model failed on a batch of {}; sending it to the dead-letter topic", batch.size(), e);
            batch.forEach(entry -> reject(entry.value, e));
            return;
        }
        for (int i = 0; i < windows.length; i++) {
            emit(batch.get(i).value, windows[i], reconstructions[i]);
        }
    }

    private void emit(final PendingScore p, final float[] window, final float[] reconstruction) {
        final double error = ReconstructionError.mse(window, reconstruction);
        final double pointError = ReconstructionError.newestPoint(window, reconstruction);
        // ReconstructionError.isAnomalous's rule on the error computed above. An isolated excursion (a new spike or
        // dip) is flagged over the threshold even when an earlier, larger one keeps the window's largest residual,
        // and is neither held off nor gated. The model flags nothing at or below the threshold, so the device state
        // (the series' last alarm and error peak) is read only above it, or for a rule's anomaly
        final boolean overThreshold = error > p.threshold();
        final DeviceState state = overThreshold || p.rule() != null ? states.get(p.deviceId()) : null;
        final MetricState series = state == null ? null : state.metrics().get(p.metric());
        final long lastAlarm = series == null ? 0 : series.lastAlarm();
        final boolean isolated = overThreshold
                && IsolatedExcursion.test(window, p.threshold(), lastAlarm == p.sequence() - 1);
        final boolean culprit = overThreshold && !p.movement()
                && (isolated || ReconstructionError.newestHasLargestResidual(window, reconstruction));
        final boolean byModel = culprit && (isolated || !heldOff(p, lastAlarm) && !gated(p, series, error));
        final boolean anomaly = byModel || p.rule() != null;
        final String detector = byModel ? ScoreRecord.AUTOENCODER : p.rule();
        final ScoreRecord score = new ScoreRecord(p.deviceId(), p.deviceType(), p.metric(), p.timestamp(), p.value(),
                p.imputed(), error, pointError, p.threshold(), anomaly, settings.modelVersion(), detector);
        context.forward(new Record<>(p.deviceId(), new ScoringOutput.Scored(score), p.recordTimestamp()));
        history.record(score);
        if (anomaly) {
            metrics.anomaly(p.deviceType());
            context.forward(new Record<>(p.deviceId(), new ScoringOutput.Anomalous(anomaly(p, window, reconstruction,
                    error, pointError, detector)), p.recordTimestamp()));
        }
        if (state != null) {
            update(p, state, series, error, anomaly, byModel, culprit);
        }
    }

    /**
     * Whether the autoencoder flagged this series less than {@code alarms.holdoff.readings} readings before: the
     * window still holds the flagged reading, and what the model says is dominated by it; unless this reading is an
     * {@link IsolatedExcursion}, a new event rather than more of the flagged one (the caller's test). (Ending the
     * hold-off early once the series looks normal again was tried and not kept: EVALUATION.md.)
     */
    private boolean heldOff(final PendingScore p, final long lastAlarm) {
        return settings.holdoffReadings() > 0 && lastAlarm > 0 && p.sequence() > lastAlarm
                && p.sequence() - lastAlarm < settings.holdoffReadings();
    }

    /**
     * Whether the series' {@link ErrorPeak} (within its last {@code alarms.escalation.readings} readings, no calm
     * window since) is at least this error: it recently did worse, and this is no news.
     */
    private boolean gated(final PendingScore p, final MetricState series, final double error) {
        return settings.escalationReadings() > 0 && series != null && series.peak() != null
                && series.peak().gates(error, p.sequence(), settings.escalationReadings(), settings.windowSize());
    }

    private AnomalyRecord anomaly(final PendingScore p, final float[] window, final float[] reconstruction,
            final double error, final double pointError, final String detector) {
        final double[] normalised = new double[window.length];
        final double[] recon = new double[window.length];
        final double[] reconUnits = new double[window.length];
        for (int i = 0; i < window.length; i++) {
            normalised[i] = window[i];
            recon[i] = reconstruction[i];
            reconUnits[i] = p.normalisation().invert(reconstruction[i]);
        }
        return new AnomalyRecord(p.deviceId(), p.deviceType(), p.metric(), p.timestamp(), p.value(), p.imputed(),
                error, p.threshold(), settings.modelVersion(), detector,
                new AnomalyRecord.Explanation(p.window(), normalised, recon, reconUnits,
                        new double[] {p.normalisation().lo(), p.normalisation().hi()}, error, pointError, p.threshold(),
                        p.zScore(), p.mean(), p.std(), ModelMetadata.ERROR_DEFINITION));
    }

    /**
     * Writes the device state once, if the reading changed it: an anomaly (and for the autoencoder's, the series'
     * last alarm), and a reading the model would flag (a culprit), which the series' {@link ErrorPeak} records.
     */
    private void update(final PendingScore p, final DeviceState state, final MetricState series, final double error,
            final boolean anomaly, final boolean byModel, final boolean culprit) {
        DeviceState next = state;
        if (anomaly) {
            next = next.withAnomaly(new AnomalySummary(p.metric(), p.timestamp(), p.value(), error, p.threshold()),
                    byModel ? p.sequence() : 0);
        }
        if (culprit && settings.escalationReadings() > 0 && series != null) {
            next = next.withPeak(p.metric(),
                    ErrorPeak.after(series.peak(), error, p.sequence(), settings.escalationReadings(),
                            settings.windowSize()));
        }
        if (next != state) {
            states.put(p.deviceId(), next);
        }
    }

    private void reject(final PendingScore p, final RuntimeException e) {
        final byte[] value = pendingSerde.serializer().serialize(null, p);
        context.forward(new Record<>(p.deviceId(), new ScoringOutput.Rejected(DeadLetters.of(DlqReason.PROCESSING_ERROR,
                "scoring failed: " + e, Optional.empty(), p.recordTimestamp(),
                p.deviceId().getBytes(StandardCharsets.UTF_8), value)), p.recordTimestamp()));
    }
}
