package dev.vigil.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.vigil.topology.VigilSerdes;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The device-state store with its bounded map of deserialised states in front. */
class DeviceStatesTest {

    private KeyValueStore<String, DeviceState> store;

    @BeforeEach
    void setUp() {
        store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("device-state"), Serdes.String(),
                VigilSerdes.deviceState()).withLoggingDisabled().build();
        final MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
        store.init(context.getStateStoreContext(), store);
    }

    private static DeviceState state(final String id, final long messages) {
        return new DeviceState(id, null, null, messages, 0, 0, java.util.Map.of(), null, 0, 0, 0);
    }

    @Test
    @DisplayName("writes go through to the store; a recent state is served as the same object, an evicted one from the store")
    void writeThroughAndBounded() {
        final DeviceStates states = new DeviceStates(store, 2);
        final DeviceState a = state("a", 1);
        states.put("a", a);
        states.put("b", state("b", 1));
        assertEquals(a, store.get("a"));
        assertSame(a, states.get("a"));
        states.put("c", state("c", 1)); // evicts b, the least recently used
        assertSame(a, states.get("a"));
        assertEquals(state("b", 1), states.get("b")); // from the store again (and now a is the eldest: evicted)
        assertEquals(a, states.get("a"));
        assertNull(states.get("unknown"));
    }

    @Test
    @DisplayName("a state found only in the store (restored, or written by an earlier task) is read once, then kept")
    void readsTheStoreOnAMiss() {
        store.put("a", state("a", 7));
        final DeviceStates states = new DeviceStates(store, 10);
        final DeviceState first = states.get("a");
        assertEquals(7, first.messages());
        assertSame(first, states.get("a"));
        final DeviceStates uncached = new DeviceStates(store, 0);
        assertEquals(first, uncached.get("a"));
        assertEquals(first, uncached.get("a"));
    }
}
