package dev.vigil.query;

import dev.vigil.command.CommandLog;
import dev.vigil.registry.Device;
import dev.vigil.scoring.ScoreRecord;
import dev.vigil.state.DeviceState;
import dev.vigil.topology.StoreNames;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.LagInfo;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/** This instance's stores: active ones, or one partition of a standby replica. */
public final class StoreReaders {

    private static final int RETRY_AFTER_SECONDS = 1;

    private final KafkaStreams streams;

    public StoreReaders(final KafkaStreams streams) {
        this.streams = streams;
    }

    /** Whether the registry has an entry for the device (503 while the global store is not queryable). */
    public boolean registered(final String deviceId) {
        return registry().get(deviceId) != null;
    }

    /** The stores a query reads: the active ones, or one partition of a standby. */
    interface View {
        ReadOnlyKeyValueStore<String, DeviceState> states();

        ReadOnlyWindowStore<String, ScoreRecord> history();

        ReadOnlyKeyValueStore<String, ValueAndTimestamp<Device>> registry();

        ReadOnlyKeyValueStore<String, CommandLog> commands();
    }

    /**
     * The active stores of one partition. Reading only the key's partition matters: a composite query skips a
     * partition that is still restoring and would answer "no such key" instead of failing.
     */
    View active(final int partition) {
        return view(partition, false);
    }

    /** The stores of one partition of a standby replica (possibly stale; check its lag first). */
    View standby(final int partition) {
        return view(partition, true);
    }

    private View view(final int partition, final boolean stale) {
        return new View() {
            @Override
            public ReadOnlyKeyValueStore<String, DeviceState> states() {
                return partition(StoreNames.DEVICE_STATE, QueryableStoreTypes.<String, DeviceState>keyValueStore(),
                        partition, stale);
            }

            @Override
            public ReadOnlyWindowStore<String, ScoreRecord> history() {
                return partition(StoreNames.SCORE_HISTORY, QueryableStoreTypes.<String, ScoreRecord>windowStore(),
                        partition, stale);
            }

            @Override
            public ReadOnlyKeyValueStore<String, ValueAndTimestamp<Device>> registry() {
                return StoreReaders.this.registry();
            }

            @Override
            public ReadOnlyKeyValueStore<String, CommandLog> commands() {
                return partition(StoreNames.DEVICE_COMMANDS, QueryableStoreTypes.<String, CommandLog>keyValueStore(),
                        partition, stale);
            }
        };
    }

    /** The registry, a global store: complete on every instance. */
    ReadOnlyKeyValueStore<String, ValueAndTimestamp<Device>> registry() {
        return store(StoreQueryParameters.fromNameAndType(StoreNames.REGISTRY,
                QueryableStoreTypes.<String, Device>timestampedKeyValueStore()));
    }

    /** One partition of a store; {@code stale} also accepts a standby or a restoring replica. */
    <S> S partition(final String storeName, final QueryableStoreType<S> type, final int partition,
            final boolean stale) {
        final StoreQueryParameters<S> parameters = StoreQueryParameters.fromNameAndType(storeName, type)
                .withPartition(partition);
        return store(stale ? parameters.enableStaleStores() : parameters);
    }

    /**
     * The largest offset lag of this instance's replicas of the stores' partition (one lookup of Kafka Streams' lags
     * for them all); empty unless it has a replica of each.
     */
    OptionalLong lag(final List<String> storeNames, final int partition) {
        final Map<String, Map<Integer, LagInfo>> all = streams.allLocalStorePartitionLags();
        long lag = 0;
        for (final String storeName : storeNames) {
            final Map<Integer, LagInfo> lags = all.get(storeName);
            if (lags == null || !lags.containsKey(partition)) {
                return OptionalLong.empty();
            }
            lag = Math.max(lag, lags.get(partition).offsetLag());
        }
        return OptionalLong.of(lag);
    }

    private <S> S store(final StoreQueryParameters<S> parameters) {
        try {
            return streams.store(parameters);
        } catch (final InvalidStateStoreException e) {
            throw new ServiceUnavailableException("store '" + parameters.storeName() + "' is not queryable now: "
                    + e.getMessage(), RETRY_AFTER_SECONDS);
        }
    }
}
