package dev.vigil.simulator;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Writes the simulator's messages in Vigil's JSON wire format (see the README) and reads commands. */
final class SimulatorJson {

    /** The {@code telemetry} topic's value: readings nested under {@code readings}, time as ISO-8601. */
    record Telemetry(String deviceId, Instant timestamp, Map<String, Double> readings) {
    }

    /** The {@code devices} topic's value (and the body of {@code PUT /api/devices/{id}}). */
    record Device(String name, String type, String location, Map<String, RegistryEntry.Metric> metrics) {
    }

    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    byte[] telemetry(final Sample sample) {
        return write(telemetryOf(sample));
    }

    /** A JSON array of messages, the body {@code POST /api/telemetry} takes. */
    byte[] telemetryBatch(final List<Sample> samples) {
        final List<Telemetry> batch = new ArrayList<>(samples.size());
        samples.forEach(s -> batch.add(telemetryOf(s)));
        return write(batch);
    }

    byte[] device(final RegistryEntry entry) {
        return write(new Device(entry.name(), entry.type(), entry.location(), entry.metrics()));
    }

    byte[] label(final Label label) {
        return write(label);
    }

    byte[] ack(final CommandAck ack) {
        return write(ack);
    }

    DeviceCommand command(final byte[] bytes) {
        try {
            return mapper.readValue(bytes, DeviceCommand.class);
        } catch (final IOException e) {
            throw new IllegalArgumentException("not a command: " + e.getMessage(), e);
        }
    }

    private static Telemetry telemetryOf(final Sample sample) {
        return new Telemetry(sample.deviceId(), sample.timestamp(), sample.readings());
    }

    private byte[] write(final Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot write " + value, e);
        }
    }
}
