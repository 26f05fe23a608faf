package dev.vigil.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulator's run loop with a MockProducer. Sending to a real broker is covered by the streams-app
 * integration tests (QuickStartIT, SimulatorTransportsIT, CommandsIT).
 */
class SimulatorTest {

    private static MockProducer<String, byte[]> producer() {
        return new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    }

    @Test
    @DisplayName("close() while running stops the send loop before the producer is closed")
    void closeWhileRunning() throws InterruptedException {
        final MockProducer<String, byte[]> producer = producer();
        final SimulatorOptions options = SimulatorOptions.builder("unused").fleets(Map.of(Fleet.temperatureProbes(), 50))
                .interval(Duration.ofMillis(1)).commands(false).build();
        final Simulator simulator = new Simulator(options, producer, Clock.systemUTC());
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final Thread thread = new Thread(simulator);
        thread.setUncaughtExceptionHandler((t, e) -> failure.set(e));
        thread.start();
        Thread.sleep(300);
        simulator.close();
        thread.join(5000);
        assertFalse(thread.isAlive());
        assertNull(failure.get(), () -> "the send loop failed: " + failure.get());
        assertTrue(producer.closed());
        assertTrue(simulator.messagesSent() > 50);
    }

    @Test
    @DisplayName("time compression: at speed 3600 one wall second carries an hour of readings, all in the past; "
            + "labels reach the topic and the JSONL file; the gateway reports its status")
    void compressedRunWithLabels(@TempDir final Path dir) throws Exception {
        final MockProducer<String, byte[]> producer = producer();
        final Path labels = dir.resolve("labels.jsonl");
        final SimulatorOptions options = SimulatorOptions.builder("unused").devices(3, 2, 2).anomalyRate(0.01)
                .speed(3600).duration(Duration.ofSeconds(2)).labelsFile(labels).commands(false)
                .gateway("gw-test", Duration.ofMillis(500)).build();
        final Instant before = Instant.now();
        try (Simulator simulator = new Simulator(options, producer, Clock.systemUTC())) {
            simulator.run();
            final List<ProducerRecord<String, byte[]>> telemetry = producer.history().stream()
                    .filter(r -> r.topic().equals("telemetry")).toList();
            final ObjectMapper mapper = new ObjectMapper();
            final List<JsonNode> probe1 = telemetry.stream().filter(r -> r.key().equals("probe-1"))
                    .map(r -> read(mapper, r.value())).toList();
            assertTrue(probe1.size() > 3600, "two wall seconds at 3600x give > 1 h of 1 s readings: " + probe1.size());
            final Instant last = Instant.parse(probe1.get(probe1.size() - 1).get("timestamp").asText());
            assertTrue(!last.isAfter(Instant.now()), "simulated time never runs ahead of the wall clock");
            assertTrue(last.isBefore(before), "default start is far enough back: " + last);
            final long gateway = telemetry.stream().filter(r -> r.key().equals("gw-test")).count();
            assertTrue(gateway >= 3, "the gateway reported " + gateway + " times");
            final JsonNode status = read(mapper, telemetry.stream().filter(r -> r.key().equals("gw-test"))
                    .reduce((a, b) -> b).orElseThrow().value());
            assertTrue(status.path("readings").path("memory_used_mb").asDouble() > 0, status.toString());
            final long onTopic = producer.history().stream().filter(r -> r.topic().equals("anomaly-labels")).count();
            final List<String> lines = Files.readAllLines(labels);
            assertTrue(onTopic > 10, "labels on the topic: " + onTopic);
            assertEquals(onTopic, lines.size());
            assertEquals(simulator.labelsWritten(), onTopic);
            final JsonNode label = mapper.readTree(lines.get(0));
            for (final String field : List.of("deviceId", "metric", "kind", "start", "end")) {
                assertTrue(label.hasNonNull(field), field + " in " + label);
            }
            assertTrue(producer.history().stream().anyMatch(r -> r.topic().equals("devices") && r.key().equals("gw-test")),
                    "the gateway is registered");
        }
    }

    private static JsonNode read(final ObjectMapper mapper, final byte[] bytes) {
        try {
            return mapper.readTree(bytes);
        } catch (final java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
