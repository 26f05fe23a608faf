package dev.vigil.scoring;

import dev.vigil.topology.StoreNames;
import dev.vigil.topology.VigilSerdes;
import java.time.Duration;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Every score of a device, indexed by the reading's time, kept for {@code history.retention.ms} (default 24 h)
 * in a window store used as a time index: key = device id, timestamp = reading time, duplicates retained (one
 * entry per metric and reading). With {@code history.retention.ms=0} there is no store and {@link #off()} keeps
 * nothing: the {@code scores} topic is then the only record of the scores.
 */
public final class ScoreHistory {

    private final WindowStore<String, ScoreRecord> store;

    private ScoreHistory(final WindowStore<String, ScoreRecord> store) {
        this.store = store;
    }

    static ScoreHistory of(final WindowStore<String, ScoreRecord> store) {
        return new ScoreHistory(Objects.requireNonNull(store, "store"));
    }

    /** A history that keeps nothing. */
    static ScoreHistory off() {
        return new ScoreHistory(null);
    }

    void record(final ScoreRecord score) {
        if (store != null) {
            store.put(score.deviceId(), score, score.timestamp().toEpochMilli());
        }
    }

    static StoreBuilder<WindowStore<String, ScoreRecord>> storeBuilder(final Duration retention) {
        return Stores.windowStoreBuilder(
                Stores.persistentWindowStore(StoreNames.SCORE_HISTORY, retention, Duration.ofMillis(1), true),
                Serdes.String(), VigilSerdes.historyScore());
    }
}
