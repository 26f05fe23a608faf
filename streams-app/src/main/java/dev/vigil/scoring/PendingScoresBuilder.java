package dev.vigil.scoring;

import dev.vigil.topology.StoreNames;
import dev.vigil.topology.VigilSerdes;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds {@link PendingScores} around an in-memory key-value store with a changelog; name, changelog and its topic
 * configuration are the inner store's. Caching is not offered: the queue is its own cache.
 */
final class PendingScoresBuilder implements StoreBuilder<PendingScores> {

    private final StoreBuilder<KeyValueStore<Long, PendingScore>> inner;

    PendingScoresBuilder(final Map<String, String> changelogConfig) {
        this.inner = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(StoreNames.PENDING_SCORES),
                Serdes.Long(), VigilSerdes.pendingScore()).withLoggingEnabled(changelogConfig);
    }

    @Override
    public PendingScores build() {
        return new PendingScores(inner.build());
    }

    @Override
    public StoreBuilder<PendingScores> withCachingEnabled() {
        throw new UnsupportedOperationException("the pending-scores queue is its own cache");
    }

    @Override
    public StoreBuilder<PendingScores> withCachingDisabled() {
        return this;
    }

    @Override
    public StoreBuilder<PendingScores> withLoggingEnabled(final Map<String, String> config) {
        inner.withLoggingEnabled(config);
        return this;
    }

    @Override
    public StoreBuilder<PendingScores> withLoggingDisabled() {
        throw new UnsupportedOperationException("without its changelog a crash would lose the pending readings");
    }

    @Override
    public Map<String, String> logConfig() {
        return inner.logConfig();
    }

    @Override
    public boolean loggingEnabled() {
        return inner.loggingEnabled();
    }

    @Override
    public String name() {
        return inner.name();
    }
}
