package dev.vigil.state;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The {@code device-state} store as its one writer (a scoring task) sees it: every write goes to the store (and so
 * to its changelog), and the newest values are also kept deserialised, in a bounded least-recently-used map, so that
 * the next reading of a device skips the store read and the JSON parse (19% of a stream thread's samples before,
 * BENCHMARKS.md). {@link DeviceState} is immutable, so sharing it between the map and the caller is safe.
 *
 * <p>One instance per processor {@code init}: Kafka Streams re-initialises a task's processors after it wiped and
 * restored its stores (a dirty close under exactly-once), so the map never outlives the store contents it mirrors.
 */
public final class DeviceStates {

    private final KeyValueStore<String, DeviceState> store;
    private final Map<String, DeviceState> recent;

    public DeviceStates(final KeyValueStore<String, DeviceState> store, final int maxCached) {
        this.store = store;
        this.recent = new LinkedHashMap<>(Math.min(maxCached, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(final Map.Entry<String, DeviceState> eldest) {
                return size() > maxCached;
            }
        };
    }

    /** The device's state, or null if it has none. */
    public DeviceState get(final String deviceId) {
        final DeviceState cached = recent.get(deviceId);
        if (cached != null) {
            return cached;
        }
        final DeviceState stored = store.get(deviceId);
        if (stored != null) {
            recent.put(deviceId, stored);
        }
        return stored;
    }

    public void put(final String deviceId, final DeviceState state) {
        store.put(deviceId, state);
        recent.put(deviceId, state);
    }
}
