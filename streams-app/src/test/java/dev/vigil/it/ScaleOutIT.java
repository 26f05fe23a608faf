package dev.vigil.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.app.VigilApp;
import dev.vigil.broker.LocalKafkaBroker;
import dev.vigil.config.VigilConfig;
import dev.vigil.model.score.AutoencoderScorer;
import dev.vigil.model.score.ModelArtifacts;
import dev.vigil.scoring.ScoreRecord;
import dev.vigil.testing.SseTestClient;
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
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three instances on one broker (two in this JVM, one in its own so that it can be killed): every device is
 * answered identically by every instance (its state, score history and stats), the device list is complete from any instance, every instance's SSE
 * feed carries every anomaly, and after instance 3 is killed the others answer each device correctly or with
 * 503, never wrongly or emptily, serving from standby replicas while the dead instance still owns partitions (their
 * device states and score histories, from caught-up replicas only), and its devices' histories are whole at their
 * new owners.
 */
class ScaleOutIT {

    private static final int DEVICES = 24;
    private static final int READINGS = 40;
    private static final List<Integer> SPIKED = List.of(3, 11, 17);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Map<String, String> SETTINGS = Map.of(
            "kafka.num.standby.replicas", "1",
            "kafka.session.timeout.ms", "10000",
            "kafka.acceptable.recovery.lag", "100000",
            // a standby answers only when caught up with every store it reads, so its answers can be compared
            // exactly: caught-up replicas reported a lag of 1 here (session 22; the last transaction's commit
            // marker, presumably), and with a bound of 0 no standby ever answered
            "query.standby.max.lag", "1");

    @TempDir
    Path dir;
    private LocalKafkaBroker broker;
    private AutoencoderScorer scorer;
    private final List<VigilApp> apps = new ArrayList<>();
    private Process third;

    @AfterEach
    void stop() {
        if (third != null) {
            third.destroyForcibly();
        }
        AppCluster.closeAll(apps, scorer, broker);
    }

    @Test
    @DisplayName("three instances: identical answers, complete list, every anomaly on every feed, correct after a kill")
    void threeInstances() throws Exception {
        broker = new LocalKafkaBroker(dir.resolve("kafka"), 0, 0).start();
        scorer = ModelArtifacts.loadDefault();
        final int[] ports = {LocalKafkaBroker.freePort(), LocalKafkaBroker.freePort(), LocalKafkaBroker.freePort()};
        apps.add(AppCluster.start(broker, scorer, dir, "1", ports[0], SETTINGS));
        apps.add(AppCluster.start(broker, scorer, dir, "2", ports[1], SETTINGS));
        third = startThird(ports[2]);
        awaitHealthy(ports[2]);
        AppCluster.awaitRunning(apps.get(0), apps.get(1));
        awaitListAvailable(ports[0]);

        final List<SseTestClient> feeds = new ArrayList<>();
        for (final int port : ports) {
            feeds.add(new SseTestClient("http://127.0.0.1:" + port + "/api/anomalies/stream", null));
        }
        try {
            produceTelemetry();
            KafkaTestSupport.consumeUntil(broker.bootstrapServers(), Topics.SCORES, VigilSerdes.score().deserializer(),
                    Duration.ofSeconds(90), r -> r.size() >= DEVICES * (READINGS - 16 + 1)); // scored from each series' 16th reading (W)

            // every device, asked at every instance, gets the same state
            final Map<String, JsonNode> truth = new HashMap<>();
            final Map<String, JsonNode> histories = new HashMap<>();
            for (int d = 0; d < DEVICES; d++) {
                final String id = "dev-" + d;
                final JsonNode first = state(ports[0], id);
                assertEquals(READINGS, first.get("messages").asInt(), id);
                for (final int port : ports) {
                    assertEquals(first, state(port, id), id + " differs at port " + port);
                }
                truth.put(id, first);
                // its score history and the stats computed from it come from the owner, whichever instance is asked
                final JsonNode history = answer(ports[0], "/api/devices/" + id + "/history");
                assertEquals(READINGS - 16 + 1, history.size(), id + " history");
                histories.put(id, history);
                final JsonNode stats = answer(ports[0], "/api/devices/" + id + "/stats?bucket=10m");
                assertEquals(READINGS - 16 + 1, stats.findValues("count").stream().mapToLong(JsonNode::asLong).sum(),
                        id + " stats: " + stats);
                for (final int port : ports) {
                    assertEquals(history, answer(port, "/api/devices/" + id + "/history"), id + " history at " + port);
                    assertEquals(stats, answer(port, "/api/devices/" + id + "/stats?bucket=10m"), id + " stats at " + port);
                }
            }
            // the list is complete from any instance
            for (final int port : ports) {
                assertEquals(truth.keySet(), listAll(port), "device list at port " + port);
            }
            // every instance's feed carries every anomaly (the same device and reading). Event ids are feed positions
            // (an offset per partition of `anomalies`): each instance interleaves the partitions as its consumer
            // fetched them, so ids may differ between instances while naming the same events (a resume with any of
            // them yields what follows it in every partition)
            final List<Set<String>> seen = new ArrayList<>();
            for (final SseTestClient feed : feeds) {
                final List<SseTestClient.Event> events = feed.take(SPIKED.size(), Duration.ofSeconds(30));
                assertEquals(SPIKED.size(), events.size(), "anomalies on one feed");
                final Set<String> devices = new TreeSet<>();
                for (final SseTestClient.Event e : events) {
                    final JsonNode anomaly = JSON.readTree(e.data());
                    devices.add(anomaly.get("deviceId").asText() + "@" + anomaly.get("timestamp").asText() + "="
                            + anomaly.get("value").asText());
                }
                seen.add(devices);
            }
            assertEquals(seen.get(0), seen.get(1));
            assertEquals(seen.get(0), seen.get(2));
            assertEquals(SPIKED.stream().map(d -> "dev-" + d).collect(Collectors.toSet()),
                    seen.get(0).stream().map(s -> s.substring(0, s.indexOf('@'))).collect(Collectors.toSet()));

            // kill instance 3: every answer is the truth or a 503, never wrong, never empty
            third.destroyForcibly().waitFor();
            int ok = 0;
            int unavailable = 0;
            int standby = 0;
            final Instant end = Instant.now().plusSeconds(25);
            while (Instant.now().isBefore(end)) {
                for (int p = 0; p < 2; p++) {
                    for (final String id : truth.keySet()) {
                        final HttpResponse<String> r = get(ports[p], "/api/devices/" + id);
                        if (r.statusCode() == 503) {
                            assertTrue(r.headers().firstValue("Retry-After").isPresent(), "503 without Retry-After");
                            unavailable++;
                            continue;
                        }
                        assertEquals(200, r.statusCode(), id + " at " + ports[p] + ": " + r.body() + " " + r.headers().map());
                        assertEquals(truth.get(id), JSON.readTree(r.body()).get("state"), id + " answered wrongly");
                        final HttpResponse<String> h = get(ports[p], "/api/devices/" + id + "/history");
                        if (h.statusCode() != 503) {
                            assertEquals(200, h.statusCode(), id + " history at " + ports[p] + ": " + h.body());
                            assertEquals(histories.get(id), JSON.readTree(h.body()),
                                    id + " history answered wrongly by " + h.headers().map());
                        }
                        ok++;
                        if ("standby".equals(r.headers().firstValue("X-Vigil-Source").orElse(""))) {
                            standby++;
                        }
                    }
                }
            }
            System.out.printf("ScaleOutIT after the kill: %d correct answers (%d from standbys), %d 503s%n", ok, standby,
                    unavailable);
            assertTrue(standby > 0, "no standby answered while the dead instance still owned partitions");
            // after the rebalance, the two survivors answer everything again
            awaitListAvailable(ports[0]);
            for (final String id : truth.keySet()) {
                assertEquals(truth.get(id), state(ports[1], id));
                // the dead instance's score histories, restored by the new owner
                assertEquals(histories.get(id), answer(ports[1], "/api/devices/" + id + "/history"), id + " history");
            }
            assertEquals(truth.keySet(), listAll(ports[1]));
        } finally {
            feeds.forEach(SseTestClient::close);
        }
    }

    private void produceTelemetry() throws Exception {
        final Instant t0 = Instant.now().minusSeconds(600).truncatedTo(ChronoUnit.SECONDS);
        KafkaTestSupport.produce(broker.bootstrapServers(), Topics.TELEMETRY, TelemetryJson.fleet("dev", DEVICES, READINGS,
                t0, 20, 0.2, 3, (d, i) -> SPIKED.contains(d) && i == 35 ? 42.0 : null));
    }

    private Process startThird(final int port) throws Exception {
        final Map<String, String> settings = new HashMap<>(SETTINGS);
        settings.put(VigilConfig.TOPICS_PARTITIONS, "6");
        return AppCluster.startProcess(broker, dir, "3", port, settings);
    }

    private void awaitHealthy(final int port) throws Exception {
        final Instant deadline = Instant.now().plusSeconds(90);
        while (Instant.now().isBefore(deadline)) {
            assertTrue(third.isAlive(), "instance 3 exited");
            try {
                if (get(port, "/health").statusCode() == 200) {
                    return;
                }
            } catch (final java.io.IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("instance 3 did not become healthy");
    }

    private static void awaitListAvailable(final int port) throws Exception {
        final Instant deadline = Instant.now().plusSeconds(90);
        while (Instant.now().isBefore(deadline)) {
            if (get(port, "/api/devices?limit=1").statusCode() == 200) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the device list did not become available");
    }

    private static JsonNode state(final int port, final String id) throws Exception {
        return answer(port, "/api/devices/" + id).get("state");
    }

    private static JsonNode answer(final int port, final String path) throws Exception {
        final HttpResponse<String> r = get(port, path);
        assertEquals(200, r.statusCode(), path + " at " + port + ": " + r.body());
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""), path + " at " + port);
        return JSON.readTree(r.body());
    }

    private static Set<String> listAll(final int port) throws Exception {
        final Set<String> ids = new TreeSet<>();
        String cursor = null;
        do {
            final HttpResponse<String> r = get(port, "/api/devices?limit=7" + (cursor == null ? "" : "&cursor=" + cursor));
            assertEquals(200, r.statusCode(), r.body());
            final JsonNode page = JSON.readTree(r.body());
            page.get("devices").forEach(d -> ids.add(d.get("deviceId").asText()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
        } while (cursor != null);
        return ids;
    }

    private static HttpResponse<String> get(final int port, final String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
