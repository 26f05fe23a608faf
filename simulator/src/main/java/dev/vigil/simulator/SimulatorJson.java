package dev.vigil.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.Map;

/** Writes the simulator's messages in Vigil's JSON wire format (see the README). */
final class SimulatorJson {

    /** The {@code telemetry} topic's value: readings nested under {@code readings}, time as ISO-8601. */
    record Telemetry(String deviceId, Instant timestamp, Map<String, Double> readings) {
    }

    /** The {@code devices} topic's value. */
    record Device(String name, String type, String location) {
    }

    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    byte[] telemetry(final Sample sample) {
        return write(new Telemetry(sample.deviceId(), sample.timestamp(), sample.readings()));
    }

    byte[] device(final RegistryEntry entry) {
        return write(new Device(entry.name(), entry.type(), entry.location()));
    }

    byte[] label(final Label label) {
        return write(label);
    }

    private byte[] write(final Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (final JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value, e);
        }
    }
}
