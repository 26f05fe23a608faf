package dev.vigil.query;

import dev.vigil.command.CommandLog;
import dev.vigil.command.CommandStatus;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.type.TypeFactory;
import dev.vigil.registry.Device;
import dev.vigil.scoring.ScoreRecord;
import dev.vigil.state.DeviceState;
import dev.vigil.state.MetricState;
import dev.vigil.topology.StoreNames;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Answers questions about one device from any instance: the owner of the device's partition reads its store;
 * another instance forwards the request once. When the owner cannot answer (it is gone and the rebalance has
 * not finished) and this instance holds a standby replica whose lag is within {@code query.standby.max.lag},
 * the standby answers and says so; otherwise {@link ServiceUnavailableException} (HTTP 503 + Retry-After).
 */
public final class DeviceQueryService {

    private static final int RETRY_AFTER_SECONDS = 1;

    /** The stores a history or stats answer reads. */
    private static final List<String> HISTORY_STORES = List.of(StoreNames.DEVICE_STATE, StoreNames.SCORE_HISTORY);

    private final InstanceLocator locator;
    private final StoreReaders stores;
    private final RemoteInstances remote;
    private final long standbyMaxLag;
    private final boolean historyKept;

    public DeviceQueryService(final InstanceLocator locator, final StoreReaders stores, final RemoteInstances remote,
            final long standbyMaxLag, final boolean historyKept) {
        this.locator = locator;
        this.stores = stores;
        this.remote = remote;
        this.standbyMaxLag = standbyMaxLag;
        this.historyKept = historyKept;
    }

    /**
     * The device's view, or empty when neither its state nor a registry entry exists. The body is a
     * {@link DeviceView}, or the owner's JSON text when another instance answered (passed on unparsed).
     */
    public Optional<Served<Object>> device(final String deviceId, final boolean forwarded) {
        return route(List.of(StoreNames.DEVICE_STATE), deviceId, forwarded,
                owner -> remote.getRaw(owner.host(), "/api/devices/" + encode(deviceId)),
                view -> deviceView(view, deviceId).map(Object.class::cast));
    }

    /**
     * The device's scores with reading times in [from, to], oldest first, optionally for one metric.
     *
     * @throws HistoryOffException when the deployment keeps no history ({@code history.retention.ms=0})
     */
    public Optional<Served<List<ScoreRecord>>> history(final String deviceId, final String metric, final Instant from,
            final Instant to, final int limit, final boolean forwarded) {
        if (!historyKept) {
            throw new HistoryOffException();
        }
        final String query = "?from=" + from + "&to=" + to + "&limit=" + limit
                + (metric == null ? "" : "&metric=" + encode(metric));
        final JavaType type = TypeFactory.defaultInstance().constructCollectionType(List.class, ScoreRecord.class);
        return route(HISTORY_STORES, deviceId, forwarded,
                owner -> remote.get(owner.host(), "/api/devices/" + encode(deviceId) + "/history" + query, type),
                view -> history(view, deviceId, metric, from, to, limit));
    }

    /**
     * The device's scores with reading times in [from, to] in buckets of {@code bucket} per metric
     * ({@link HistoryStats}), optionally for one metric. Computed by the instance that holds the history, so only
     * the buckets travel when another instance answers.
     *
     * @throws HistoryOffException when the deployment keeps no history ({@code history.retention.ms=0})
     */
    public Optional<Served<List<HistoryStats.Bucket>>> stats(final String deviceId, final String metric,
            final Instant from, final Instant to, final Duration bucket, final boolean forwarded) {
        if (!historyKept) {
            throw new HistoryOffException();
        }
        final String query = "?from=" + from + "&to=" + to + "&bucket=" + HistoryStats.bucketText(bucket)
                + (metric == null ? "" : "&metric=" + encode(metric));
        final JavaType type = TypeFactory.defaultInstance().constructCollectionType(List.class,
                HistoryStats.Bucket.class);
        return route(HISTORY_STORES, deviceId, forwarded,
                owner -> remote.get(owner.host(), "/api/devices/" + encode(deviceId) + "/stats" + query, type),
                view -> history(view, deviceId, metric, from, to, Integer.MAX_VALUE)
                        .map(scores -> HistoryStats.buckets(scores, bucket)));
    }

    /**
     * The device's latest commands with their states as of {@code now}, oldest first; empty when the device has
     * no commands and no registry entry.
     */
    public Optional<Served<List<CommandStatus>>> commands(final String deviceId, final Instant now,
            final boolean forwarded) {
        final JavaType type = TypeFactory.defaultInstance().constructCollectionType(List.class, CommandStatus.class);
        return route(List.of(StoreNames.DEVICE_COMMANDS), deviceId, forwarded,
                owner -> remote.get(owner.host(), "/api/devices/" + encode(deviceId) + "/commands", type), view -> {
                    final CommandLog log = view.commands().get(deviceId);
                    if (log == null || log.commands().isEmpty()) {
                        return view.registry().get(deviceId) == null ? Optional.empty() : Optional.of(List.of());
                    }
                    return Optional.of(log.asOf(now));
                });
    }

    private Optional<DeviceView> deviceView(final StoreReaders.View view, final String deviceId) {
        final DeviceState state = view.states().get(deviceId);
        final ValueAndTimestamp<Device> registry = view.registry().get(deviceId);
        if (state == null && registry == null) {
            return Optional.empty();
        }
        return Optional.of(new DeviceView(deviceId, registry == null ? null : registry.value(), latest(state), state,
                locator.selfAddress()));
    }

    private static Optional<List<ScoreRecord>> history(final StoreReaders.View view, final String deviceId,
            final String metric, final Instant from, final Instant to, final int limit) {
        final List<ScoreRecord> scores = new ArrayList<>();
        try (WindowStoreIterator<ScoreRecord> it = view.history().fetch(deviceId, from, to)) {
            while (it.hasNext() && scores.size() < limit) {
                final KeyValue<Long, ScoreRecord> entry = it.next();
                if (metric == null || metric.equals(entry.value.metric())) {
                    scores.add(entry.value);
                }
            }
        }
        if (scores.isEmpty() && view.states().get(deviceId) == null) {
            return Optional.empty();
        }
        return Optional.of(scores);
    }

    static Map<String, DeviceView.Latest> latest(final DeviceState state) {
        final Map<String, DeviceView.Latest> latest = new LinkedHashMap<>();
        if (state != null) {
            for (final Map.Entry<String, MetricState> e : state.metrics().entrySet()) {
                latest.put(e.getKey(), new DeviceView.Latest(e.getValue().lastValue(), e.getValue().lastTimestamp(),
                        e.getValue().lastImputed()));
            }
        }
        return latest;
    }

    /**
     * Answers from the key's owner: this instance's active store, or the owner asked over HTTP, or when the owner
     * cannot answer, this instance's standby replica. {@code readStores} are the stores {@code read} reads (the
     * first decides the owner; all are in one task): a standby answers only if each is within the lag bound, since
     * each restores its own changelog (a history read of a replica whose score history is still restoring and whose
     * device state is not would otherwise be incomplete).
     */
    private <T> Optional<Served<T>> route(final List<String> readStores, final String deviceId,
            final boolean forwarded, final Function<InstanceLocator.Owner.Remote, Optional<Served<T>>> forward,
            final Function<StoreReaders.View, Optional<T>> read) {
        final InstanceLocator.Owner owner = locator.ownerOf(readStores.get(0), deviceId);
        if (owner instanceof InstanceLocator.Owner.Local local) {
            return read.apply(stores.active(local.partition()))
                    .map(body -> new Served<>(body, Served.ACTIVE, locator.selfAddress(), 0));
        }
        if (owner instanceof InstanceLocator.Owner.Remote r) {
            if (!forwarded) {
                try {
                    return forward.apply(r);
                } catch (final ServiceUnavailableException ownerDown) {
                    return Optional.of(standby(readStores, r, read).orElseThrow(() -> ownerDown));
                }
            }
            return Optional.of(standby(readStores, r, read).orElseThrow(() -> unavailable(deviceId)));
        }
        throw unavailable(deviceId);
    }

    /**
     * The standby's answer, or empty when this instance holds no standby of the key's partition with every store
     * read within the lag bound. A standby never answers "not found": it may lag, so a missing entry is a 503.
     */
    private <T> Optional<Served<T>> standby(final List<String> readStores, final InstanceLocator.Owner.Remote owner,
            final Function<StoreReaders.View, Optional<T>> read) {
        if (!owner.standbys().contains(locator.self())) {
            return Optional.empty();
        }
        final OptionalLong lag = stores.lag(readStores, owner.partition());
        if (lag.isEmpty() || lag.getAsLong() > standbyMaxLag) {
            return Optional.empty();
        }
        final T body = read.apply(stores.standby(owner.partition())).orElseThrow(() -> new ServiceUnavailableException(
                "the owner is unreachable and this standby has no entry (it may lag)", RETRY_AFTER_SECONDS));
        return Optional.of(new Served<>(body, Served.STANDBY, locator.selfAddress(), lag.getAsLong()));
    }

    private static ServiceUnavailableException unavailable(final String deviceId) {
        return new ServiceUnavailableException("the partition of device '" + deviceId
                + "' has no available owner (startup or rebalance)", RETRY_AFTER_SECONDS);
    }

    private static String encode(final String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
