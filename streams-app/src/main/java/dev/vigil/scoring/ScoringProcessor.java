package dev.vigil.scoring;

import dev.vigil.fleet.FleetScales;
import dev.vigil.ingest.DeadLetters;
import dev.vigil.ingest.DlqReason;
import dev.vigil.ingest.Telemetry;
import dev.vigil.model.score.WindowScorer;
import dev.vigil.registry.Device;
import dev.vigil.serde.JsonSerde;
import dev.vigil.state.DeviceStateUpdater;
import dev.vigil.state.DeviceStates;
import dev.vigil.topology.StoreNames;
import dev.vigil.topology.VigilSerdes;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Joins each reading with its device's state, registry entry and fleet scales, updates the state, queues the readings
 * that are ready for the next scoring batch, and publishes the ranges the message settled (for the fleet scales). Batches are flushed when {@code batch.max.size} readings are
 * pending and by a wall-clock punctuator every {@code batch.max.wait.ms}.
 */
final class ScoringProcessor extends ContextualProcessor<String, Telemetry, String, ScoringOutput> {

    private final WindowScorer scorer;
    private final ScoringSettings settings;
    private final ScoringMetrics metrics;
    private final JsonSerde<Telemetry> telemetrySerde = VigilSerdes.telemetry();
    private DeviceStates states;
    private TimestampedKeyValueStore<String, Device> registry;
    private PendingScores pending;
    private BatchFlusher flusher;
    private DeviceStateUpdater updater;

    ScoringProcessor(final WindowScorer scorer, final ScoringSettings settings, final ScoringMetrics metrics) {
        this.scorer = scorer;
        this.settings = settings;
        this.metrics = metrics;
    }

    @Override
    public void init(final ProcessorContext<String, ScoringOutput> context) {
        super.init(context);
        states = new DeviceStates(context.getStateStore(StoreNames.DEVICE_STATE), settings.stateCacheDevices());
        registry = context.getStateStore(StoreNames.REGISTRY);
        updater = new DeviceStateUpdater(settings, FleetScales.of(context.getStateStore(StoreNames.FLEET_SCALES),
                context::currentSystemTimeMs));
        pending = context.getStateStore(StoreNames.PENDING_SCORES);
        pending.load();
        final ScoreHistory history = settings.historyKept()
                ? ScoreHistory.of(context.getStateStore(StoreNames.SCORE_HISTORY)) : ScoreHistory.off();
        flusher = new BatchFlusher(scorer, settings, pending, states, history, metrics, context);
        context.schedule(settings.batchMaxWait(), PunctuationType.WALL_CLOCK_TIME, new FlushPunctuator(flusher));
    }

    @Override
    public void process(final Record<String, Telemetry> record) {
        final ValueAndTimestamp<Device> entry = registry.get(record.key());
        final DeviceStateUpdater.Update update = updater.apply(states.get(record.key()), record.value(),
                entry == null ? null : entry.value(), record.timestamp());
        states.put(record.key(), update.state());
        update.toScore().forEach(pending::add);
        update.scales().forEach(s -> context().forward(record.withKey(s.key())
                .withValue(new ScoringOutput.Learned(s.scale()))));
        reject(record, DlqReason.DUPLICATE, update.duplicates());
        reject(record, DlqReason.OUT_OF_ORDER, update.outOfOrder());
        if (pending.size() >= settings.batchMaxSize()) {
            flusher.flush();
        }
    }

    private void reject(final Record<String, Telemetry> record, final DlqReason reason, final List<String> metrics) {
        if (metrics.isEmpty()) {
            return;
        }
        final String detail = "metrics " + metrics + " at " + record.value().timestamp()
                + (reason == DlqReason.DUPLICATE ? " already seen at this timestamp" : " older than the last reading")
                + "; the message's other readings were applied";
        context().forward(record.withValue(new ScoringOutput.Rejected(DeadLetters.of(reason, detail,
                context().recordMetadata(), record.timestamp(), record.key().getBytes(StandardCharsets.UTF_8),
                telemetrySerde.serializer().serialize(null, record.value())))));
    }
}
