package dev.vigil.scoring;

import dev.vigil.topology.StoreNames;
import dev.vigil.topology.VigilSerdes;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Every score of a device, indexed by the reading's time, kept for {@code history.retention.ms} (default 24 h)
 * in a window store used as a time index: key = device id, timestamp = reading time, duplicates retained (one
 * entry per metric and reading).
 */
public final class ScoreHistory {

    private final WindowStore<String, ScoreRecord> store;

    ScoreHistory(final WindowStore<String, ScoreRecord> store) {
        this.store = store;
    }

    void record(final ScoreRecord score) {
        store.put(score.deviceId(), score, score.timestamp().toEpochMilli());
    }

    static StoreBuilder<WindowStore<String, ScoreRecord>> storeBuilder(final Duration retention) {
        return Stores.windowStoreBuilder(
                Stores.persistentWindowStore(StoreNames.SCORE_HISTORY, retention, Duration.ofMillis(1), true),
                Serdes.String(), VigilSerdes.historyScore());
    }
}
