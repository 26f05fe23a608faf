package dev.vigil.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.broker.LocalKafkaBroker;
import dev.vigil.config.VigilConfig;
import dev.vigil.scoring.ScoreRecord;
import dev.vigil.testing.TelemetryJson;
import dev.vigil.topology.Topics;
import dev.vigil.topology.VigilSerdes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app runs in its own JVM and is killed with SIGKILL in the middle of the stream, then restarted on the
 * same state directory. Under exactly_once_v2 every reading from a series' 16th on is scored exactly once in the
 * committed output: nothing lost (pending readings included), nothing duplicated.
 */
class ExactlyOnceIT {

    private static final int DEVICES = 30;
    private static final int READINGS = 800;
    /** The model's window: scoring starts, with a provisional range, at a series' W-th reading (warmup.provisional). */
    private static final int FIRST_SCORED = 16;

    @TempDir
    Path dir;
    private LocalKafkaBroker broker;
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stop() {
        processes.forEach(Process::destroyForcibly);
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    @DisplayName("killed mid-stream and restarted: every score exactly once")
    void crashAndRestart() throws Exception {
        broker = new LocalKafkaBroker(dir.resolve("kafka"), 0, 0).start();
        final int port = LocalKafkaBroker.freePort();
        Process app = startApp(port, "app");
        awaitHealthy(port, app);
        KafkaTestSupport.produce(broker.bootstrapServers(), Topics.TELEMETRY, telemetry());

        final int expected = DEVICES * (READINGS - FIRST_SCORED + 1);
        final List<ConsumerRecord<String, ScoreRecord>> before = KafkaTestSupport.consumeUntil(
                broker.bootstrapServers(), Topics.SCORES, VigilSerdes.score().deserializer(), Duration.ofSeconds(120),
                r -> r.size() >= 1000);
        app.destroyForcibly().waitFor();
        final List<ConsumerRecord<String, ScoreRecord>> atKill = KafkaTestSupport.consumeUntil(
                broker.bootstrapServers(), Topics.SCORES, VigilSerdes.score().deserializer(), Duration.ofSeconds(3),
                r -> false);
        assertTrue(before.size() >= 1000, "scores before the kill: " + before.size());
        assertTrue(atKill.size() < expected, "the kill came after the end of the stream (" + atKill.size() + ")");
        System.out.printf("ExactlyOnceIT: %d of %d scores committed when the app was killed%n", atKill.size(), expected);

        app = startApp(port, "app");
        awaitHealthy(port, app);
        final List<ConsumerRecord<String, ScoreRecord>> all = KafkaTestSupport.consumeUntil(broker.bootstrapServers(),
                Topics.SCORES, VigilSerdes.score().deserializer(), Duration.ofSeconds(180), r -> r.size() >= expected);
        // let anything extra (a duplicate) arrive before counting
        final List<ConsumerRecord<String, ScoreRecord>> settled = KafkaTestSupport.consumeUntil(
                broker.bootstrapServers(), Topics.SCORES, VigilSerdes.score().deserializer(), Duration.ofSeconds(5),
                r -> false);
        final Map<String, Integer> counts = new HashMap<>();
        for (final ConsumerRecord<String, ScoreRecord> r : settled) {
            counts.merge(r.value().deviceId() + "@" + r.value().timestamp(), 1, Integer::sum);
        }
        assertEquals(expected, all.size(), "scores after the restart (" + atKill.size() + " committed at the kill)");
        assertEquals(expected, settled.size());
        assertEquals(expected, counts.size(), "distinct scored readings");
        assertTrue(counts.values().stream().allMatch(c -> c == 1), "a reading was scored twice");
    }

    private List<String[]> telemetry() {
        final Instant t0 = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
        return TelemetryJson.fleet("dev", DEVICES, READINGS, t0, 20, 0.3, 7, (d, i) -> null);
    }

    private Process startApp(final int port, final String name) throws Exception {
        // the killed member's partitions move after its session times out: keep that short in the test
        final Process process = AppCluster.startProcess(broker, dir, name, port,
                Map.of(VigilConfig.TOPICS_PARTITIONS, "4", "kafka.session.timeout.ms", "8000"));
        processes.add(process);
        return process;
    }

    private static void awaitHealthy(final int port, final Process process) throws Exception {
        final HttpClient http = HttpClient.newHttpClient();
        final Instant deadline = Instant.now().plusSeconds(90);
        while (Instant.now().isBefore(deadline)) {
            assertTrue(process.isAlive(), "the app exited with " + (process.isAlive() ? "" : process.exitValue()));
            try {
                final HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/health")).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (final java.io.IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the app did not become healthy on port " + port);
    }
}
