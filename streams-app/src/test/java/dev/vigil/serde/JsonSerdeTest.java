package dev.vigil.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.ingest.Telemetry;
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
}
