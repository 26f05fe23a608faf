package dev.vigil.scoring;

import dev.vigil.ingest.Telemetry;
import dev.vigil.model.score.WindowScorer;
import dev.vigil.topology.StoreNames;
import dev.vigil.topology.VigilSerdes;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/** Supplies scoring processors (one per task, all sharing the scorer) and declares the stores they own. */
public final class ScoringProcessorSupplier implements ProcessorSupplier<String, Telemetry, String, ScoringOutput> {

    private final WindowScorer scorer;
    private final ScoringSettings settings;
    private final ScoringMetrics metrics;

    public ScoringProcessorSupplier(final WindowScorer scorer, final ScoringSettings settings,
            final ScoringMetrics metrics) {
        this.scorer = scorer;
        this.settings = settings;
        this.metrics = metrics;
    }

    @Override
    public Processor<String, Telemetry, String, ScoringOutput> get() {
        return new ScoringProcessor(scorer, settings, metrics);
    }

    /**
     * The device-state and pending-scores changelogs roll a segment every 64 MB (Kafka's default is 1 GB) and are
     * cleaned once 10% is dirty: compaction never touches the active segment, so with the defaults a restore
     * replays every update written since the last 1 GB (measured in BENCHMARKS.md, "State size and restore
     * time"). The pending queue is never longer than a batch, so compacted it holds almost nothing.
     */
    static final java.util.Map<String, String> STATE_CHANGELOG = java.util.Map.of(
            org.apache.kafka.common.config.TopicConfig.SEGMENT_BYTES_CONFIG, String.valueOf(64 * 1024 * 1024),
            org.apache.kafka.common.config.TopicConfig.MIN_CLEANABLE_DIRTY_RATIO_CONFIG, "0.1");

    @Override
    public Set<StoreBuilder<?>> stores() {
        final Set<StoreBuilder<?>> stores = new HashSet<>(Set.of(
                Stores.keyValueStoreBuilder(deviceStateStore(), Serdes.String(), VigilSerdes.deviceState())
                        .withLoggingEnabled(STATE_CHANGELOG),
                new PendingScoresBuilder(STATE_CHANGELOG)));
        if (settings.historyKept()) {
            stores.add(ScoreHistory.storeBuilder(settings.historyRetention()));
        }
        return stores;
    }

    /** The device-state store: in memory (the default), or RocksDB with {@code state.store=rocksdb}. */
    private KeyValueBytesStoreSupplier deviceStateStore() {
        return settings.stateInMemory() ? Stores.inMemoryKeyValueStore(StoreNames.DEVICE_STATE)
                : Stores.persistentKeyValueStore(StoreNames.DEVICE_STATE);
    }
}
