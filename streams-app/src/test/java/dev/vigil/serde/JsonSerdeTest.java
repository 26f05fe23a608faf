package dev.vigil.serde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.ingest.Telemetry;
import dev.vigil.model.Normalisation;
import dev.vigil.state.AnomalySummary;
import dev.vigil.state.DeviceState;
import dev.vigil.state.Envelope;
import dev.vigil.state.ErrorPeak;
import dev.vigil.state.MetricState;
import dev.vigil.state.RunningStats;
import dev.vigil.registry.Device;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class JsonSerdeTest {

    @Test
    @DisplayName("round trip, with ISO-8601 instants and null readings kept")
    void roundTrip() {
        final JsonSerde<Telemetry> serde = new JsonSerde<>(Telemetry.class);
        final Map<String, Double> readings = new LinkedHashMap<>();
        readings.put("temperature", 25.1);
        readings.put("humidity", null);
        final Telemetry t = new Telemetry("probe-7", Instant.parse("2026-11-22T10:00:00Z"), readings);
        final byte[] bytes = serde.serializer().serialize("t", t);
        assertTrue(new String(bytes, StandardCharsets.UTF_8).contains("\"timestamp\":\"2026-11-22T10:00:00Z\""));
        assertEquals(t, serde.deserializer().deserialize("t", bytes));
    }

    @Test
    @DisplayName("null in, null out (tombstones)")
    void nulls() {
        final JsonSerde<Device> serde = new JsonSerde<>(Device.class);
        assertNull(serde.serializer().serialize("t", null));
        assertNull(serde.deserializer().deserialize("t", null));
    }

    @Test
    @DisplayName("bad JSON and invalid values become SerializationException naming the type")
    void failures() {
        final JsonSerde<Device> serde = new JsonSerde<>(Device.class);
        final SerializationException syntax = assertThrows(SerializationException.class,
                () -> serde.deserializer().deserialize("devices", "{".getBytes(StandardCharsets.UTF_8)));
        assertTrue(syntax.getMessage().contains("Device"));
        final SerializationException invalid = assertThrows(SerializationException.class,
                () -> serde.deserializer().deserialize("devices", "{\"threshold\":0}".getBytes(StandardCharsets.UTF_8)));
        assertTrue(invalid.getMessage().contains("threshold"), invalid.getMessage());
    }

    @Test
    @DisplayName("binary (store) serde: Smile with its header, a device state round trips to the same JSON, nanoseconds and NaN included")
    void binaryRoundTrip() throws Exception {
        final JsonSerde<DeviceState> serde = JsonSerde.binary(DeviceState.class);
        final DeviceState state = state();
        final byte[] bytes = serde.serializer().serialize("device-state", state);
        assertArrayEquals(new byte[] {':', ')', '\n'}, java.util.Arrays.copyOf(bytes, 3));
        final String text = Json.mapper().writeValueAsString(state);
        assertTrue(bytes.length < text.length(), bytes.length + " bytes of Smile vs " + text.length() + " of JSON");
        final DeviceState back = serde.deserializer().deserialize("device-state", bytes);
        assertEquals(text, Json.mapper().writeValueAsString(back));
        assertEquals(Instant.parse("2026-11-22T10:00:00.123456789Z"), back.lastSeen());
        assertTrue(Double.isNaN(back.metrics().get("temperature").warmup()[1]));
    }

    @Test
    @DisplayName("binary (store) serde reads text JSON written by earlier versions, and fails clearly on garbage")
    void binaryReadsText() throws Exception {
        final JsonSerde<DeviceState> serde = JsonSerde.binary(DeviceState.class);
        final DeviceState state = state();
        final byte[] text = new JsonSerde<>(DeviceState.class).serializer().serialize("device-state", state);
        assertEquals(text[0], '{');
        assertEquals(Json.mapper().writeValueAsString(state),
                Json.mapper().writeValueAsString(serde.deserializer().deserialize("device-state", text)));
        assertNull(serde.deserializer().deserialize("device-state", null));
        assertNull(serde.serializer().serialize("device-state", null));
        final SerializationException e = assertThrows(SerializationException.class,
                () -> serde.deserializer().deserialize("device-state", new byte[] {':', ')', '\n', 1, 2, 3}));
        assertTrue(e.getMessage().contains("DeviceState"), e.getMessage());
    }

    private static DeviceState state() {
        final Instant t = Instant.parse("2026-11-22T10:00:00Z");
        final MetricState metric = new MetricState(new double[] {20.1, 20.25, 19.875}, new RunningStats(3, 20.075, 0.07),
                3, 1, t.plusSeconds(2), 19.875, false, new Normalisation(19.5, 20.5), new double[] {1.5, Double.NaN}, true, 1, false,
                0, Boolean.TRUE, 2, 0.75, new double[] {1.25}, new Envelope(19.25, 21.0, new Envelope(19.5, 20.75, null)),
                new ErrorPeak(0.0375, 3, 3));
        return new DeviceState("probe-7", t, Instant.parse("2026-11-22T10:00:00.123456789Z"), 3, 0, 1,
                Map.of("temperature", metric), new AnomalySummary("temperature", t.plusSeconds(1), 25.5, 0.034, 0.01),
                2, 1, 3);
    }
}
