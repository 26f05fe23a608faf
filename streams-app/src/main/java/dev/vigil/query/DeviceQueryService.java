package dev.vigil.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.registry.Device;
import dev.vigil.state.DeviceState;
import dev.vigil.state.MetricState;
import dev.vigil.topology.StoreNames;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Answers "what is the state of device X" from any instance: the owner reads its local store, any other
 * instance forwards the request to the owner once. While the key's partition has no active owner, or its store
 * is restoring, it answers {@link ServiceUnavailableException} (HTTP 503 with Retry-After).
 */
public final class DeviceQueryService {

    /** Marks a forwarded request, so that it is never forwarded again. */
    public static final String FORWARDED_HEADER = "X-Vigil-Forwarded";
    private static final int RETRY_AFTER_SECONDS = 1;

    private final KafkaStreams streams;
    private final InstanceLocator locator;
    private final HttpClient http;
    private final ObjectMapper mapper;

    public DeviceQueryService(final KafkaStreams streams, final InstanceLocator locator, final HttpClient http,
            final ObjectMapper mapper) {
        this.streams = streams;
        this.locator = locator;
        this.http = http;
        this.mapper = mapper;
    }

    /** The device's view, or empty when neither its state nor a registry entry exists. */
    public Optional<DeviceView> device(final String deviceId, final boolean forwarded) {
        final InstanceLocator.Owner owner = locator.ownerOf(StoreNames.DEVICE_STATE, deviceId);
        if (owner instanceof InstanceLocator.Owner.Local) {
            return local(deviceId);
        }
        if (owner instanceof InstanceLocator.Owner.Remote remote && !forwarded) {
            return forward(remote, deviceId);
        }
        throw new ServiceUnavailableException("the partition of device '" + deviceId
                + "' is not available (startup or rebalance)", RETRY_AFTER_SECONDS);
    }

    private Optional<DeviceView> local(final String deviceId) {
        final DeviceState state = read(StoreNames.DEVICE_STATE, QueryableStoreTypes.<String, DeviceState>keyValueStore(),
                deviceId);
        final ValueAndTimestamp<Device> registry = read(StoreNames.REGISTRY,
                QueryableStoreTypes.<String, Device>timestampedKeyValueStore(), deviceId);
        if (state == null && registry == null) {
            return Optional.empty();
        }
        return Optional.of(new DeviceView(deviceId, registry == null ? null : registry.value(), latest(state), state,
                locator.self().host() + ":" + locator.self().port()));
    }

    private <V> V read(final String store, final org.apache.kafka.streams.state.QueryableStoreType<ReadOnlyKeyValueStore<String, V>> type,
            final String key) {
        try {
            return streams.store(StoreQueryParameters.fromNameAndType(store, type)).get(key);
        } catch (final InvalidStateStoreException e) {
            throw new ServiceUnavailableException("store '" + store + "' is not queryable yet: " + e.getMessage(),
                    RETRY_AFTER_SECONDS);
        }
    }

    private static Map<String, DeviceView.Latest> latest(final DeviceState state) {
        final Map<String, DeviceView.Latest> latest = new LinkedHashMap<>();
        if (state != null) {
            for (final Map.Entry<String, MetricState> e : state.metrics().entrySet()) {
                latest.put(e.getKey(), new DeviceView.Latest(e.getValue().lastValue(), e.getValue().lastTimestamp(),
                        e.getValue().lastImputed()));
            }
        }
        return latest;
    }

    private Optional<DeviceView> forward(final InstanceLocator.Owner.Remote remote, final String deviceId) {
        final URI uri = URI.create("http://" + remote.host().host() + ":" + remote.host().port() + "/api/devices/"
                + URLEncoder.encode(deviceId, StandardCharsets.UTF_8));
        final HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
                .header(FORWARDED_HEADER, "1").GET().build();
        try {
            final HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 404) {
                return Optional.empty();
            }
            if (response.statusCode() != 200) {
                throw new ServiceUnavailableException("owner " + uri.getAuthority() + " answered "
                        + response.statusCode(), RETRY_AFTER_SECONDS);
            }
            return Optional.of(mapper.readValue(response.body(), DeviceView.class));
        } catch (final IOException e) {
            throw new ServiceUnavailableException("owner " + uri.getAuthority() + " unreachable: " + e.getMessage(),
                    RETRY_AFTER_SECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnavailableException("interrupted", RETRY_AFTER_SECONDS);
        }
    }
}
