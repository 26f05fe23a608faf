package dev.vigil.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.app.VigilApp;
import dev.vigil.broker.LocalKafkaBroker;
import dev.vigil.config.VigilConfig;
import dev.vigil.ingest.DeadLetter;
import dev.vigil.ingest.DlqReason;
import dev.vigil.model.score.AutoencoderScorer;
import dev.vigil.model.score.ModelArtifacts;
import dev.vigil.scoring.AnomalyRecord;
import dev.vigil.scoring.ScoreRecord;
import dev.vigil.testing.SseTestClient;
import dev.vigil.testing.TelemetryJson;
import dev.vigil.topology.StoreNames;
import dev.vigil.topology.Topics;
import dev.vigil.topology.VigilSerdes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole streaming core on a real single-node KRaft broker, with the app's HTTP server. The tests share one
 * stream; those that add data run last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineIT {

    private static final int DEVICES = 6;
    private static final int READINGS = 60;
    private static final int WARMUP = 20;
    /** The model's window: scoring starts, with a provisional range, at a series' W-th reading (warmup.provisional). */
    private static final int FIRST_SCORED = 16;
    private static final Instant T0 = Instant.now().minus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

    @TempDir
    static Path dir;
    private static LocalKafkaBroker broker;
    private static AutoencoderScorer scorer;
    private static VigilApp app;
    private static int httpPort;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        broker = new LocalKafkaBroker(dir.resolve("kafka"), 0, 0).start();
        scorer = ModelArtifacts.loadDefault();
        httpPort = LocalKafkaBroker.freePort();
        final VigilConfig config = VigilConfig.of(Map.of(
                VigilConfig.STATE_DIR, dir.resolve("state").toString(),
                VigilConfig.HTTP_PORT, String.valueOf(httpPort),
                VigilConfig.WARMUP_READINGS, String.valueOf(WARMUP),
                VigilConfig.TOPICS_PARTITIONS, "4",
                VigilConfig.SSE_MAX_CLIENTS, "3",
                VigilConfig.SSE_KEEPALIVE_MS, "300",
                "kafka.commit.interval.ms", "100"));
        app = VigilApp.start(config, broker.bootstrapServers(), scorer);
        awaitRunning();
        KafkaTestSupport.produce(broker.bootstrapServers(), Topics.DEVICES,
                List.<String[]>of(new String[] {"probe-0", "{\"name\":\"Probe 0\",\"type\":\"temperature-probe\",\"location\":\"lab\"}"}));
        KafkaTestSupport.produce(broker.bootstrapServers(), Topics.TELEMETRY, telemetry());
    }

    /**
     * Normal readings for every device, one spike on probe-3, and five bad records. probe-5 sends without a key,
     * all to partition 1, which is not its own (0): its records take the repartition path and keep their order.
     */
    private static List<String[]> telemetry() {
        final Random random = new Random(1);
        final List<String[]> records = new ArrayList<>();
        for (int i = 0; i < READINGS; i++) {
            for (int d = 0; d < DEVICES; d++) {
                final String id = "probe-" + d;
                final double value = d == 3 && i == 45 ? 40.0 : 25 + 0.2 * random.nextGaussian();
                final String json = TelemetryJson.nested(id, T0.plusSeconds(i), "temperature", value);
                records.add(d == 5 ? new String[] {null, json, "1"} : new String[] {id, json});
            }
        }
        records.add(new String[] {"probe-0", "{oops"});
        records.add(new String[] {"probe-0", "{\"deviceId\":\"probe-0\",\"timestamp\":\"2026-13-45\",\"t\":1}"});
        records.add(new String[] {"probe-0", "{\"deviceId\":\"probe-0\",\"timestamp\":0,\"t\":1}"});
        records.add(new String[] {"probe-0", "{\"deviceId\":\"probe-9\",\"timestamp\":\"" + T0 + "\",\"t\":1}"});
        records.add(new String[] {"probe-0", TelemetryJson.nested("probe-0", T0.plusSeconds(5), "temperature", 25.0)});
        return records;
    }

    private static void awaitRunning() throws InterruptedException {
        final Instant deadline = Instant.now().plusSeconds(60);
        while (app.state() != KafkaStreams.State.RUNNING && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertEquals(KafkaStreams.State.RUNNING, app.state());
    }

    @AfterAll
    static void stop() {
        AppCluster.closeAll(app == null ? List.of() : List.of(app), scorer, broker);
    }

    @Test
    @DisplayName("every reading from a series' W-th on is scored once; the spike is the only anomaly; bad records are DLQ'd")
    @Order(1)
    void endToEnd() throws Exception {
        final int expectedScores = DEVICES * (READINGS - FIRST_SCORED + 1);
        final List<ConsumerRecord<String, ScoreRecord>> scores = KafkaTestSupport.consumeUntil(broker.bootstrapServers(),
                Topics.SCORES, VigilSerdes.score().deserializer(), Duration.ofSeconds(60), r -> r.size() >= expectedScores);
        assertEquals(expectedScores, scores.size());
        final Set<String> unique = new HashSet<>();
        for (final ConsumerRecord<String, ScoreRecord> r : scores) {
            assertEquals(r.key(), r.value().deviceId());
            assertTrue(unique.add(r.value().deviceId() + "@" + r.value().timestamp()), "duplicate score " + r.value());
        }
        assertTrue(scores.stream().filter(r -> r.key().equals("probe-0"))
                .allMatch(r -> "temperature-probe".equals(r.value().deviceType())), "registry join on a real broker");

        final List<ConsumerRecord<String, AnomalyRecord>> anomalies = KafkaTestSupport.consumeUntil(
                broker.bootstrapServers(), Topics.ANOMALIES, VigilSerdes.anomaly().deserializer(), Duration.ofSeconds(10),
                r -> !r.isEmpty());
        assertEquals(1, anomalies.size(), () -> "anomalies: " + anomalies);
        assertEquals("probe-3", anomalies.get(0).key());
        assertEquals(40.0, anomalies.get(0).value().value());
        assertEquals(T0.plusSeconds(45), anomalies.get(0).value().timestamp());

        final List<ConsumerRecord<String, DeadLetter>> dlq = KafkaTestSupport.consumeUntil(broker.bootstrapServers(),
                Topics.TELEMETRY_DLQ, VigilSerdes.deadLetter().deserializer(), Duration.ofSeconds(30), r -> r.size() >= 5);
        assertEquals(Set.of(DlqReason.MALFORMED_JSON, DlqReason.INVALID_TIMESTAMP, DlqReason.IMPOSSIBLE_TIMESTAMP,
                DlqReason.KEY_MISMATCH, DlqReason.OUT_OF_ORDER),
                dlq.stream().map(r -> r.value().reason()).collect(Collectors.toSet()));
        assertTrue(dlq.stream().allMatch(r -> r.value().sourceTopic().equals(Topics.TELEMETRY) && r.value().offset() >= 0));
    }

    @Test
    @DisplayName("HTTP: health is UP, a device answers with its state, unknown is 404, a bad id is 400 with JSON")
    @Order(2)
    void http() throws Exception {
        KafkaTestSupport.consumeUntil(broker.bootstrapServers(), Topics.SCORES, VigilSerdes.score().deserializer(),
                Duration.ofSeconds(60), r -> r.size() >= DEVICES * (READINGS - FIRST_SCORED + 1));
        assertEquals(200, get("/health").statusCode());

        final HttpResponse<String> device = get("/api/devices/probe-3");
        assertEquals(200, device.statusCode(), device.body());
        final JsonNode body = JSON.readTree(device.body());
        assertEquals(READINGS, body.at("/state/messages").asInt());
        assertEquals(16, body.at("/state/metrics/temperature/window").size());
        assertEquals(1, body.at("/state/anomalies").asInt());
        assertEquals(40.0, body.at("/state/lastAnomaly/value").asDouble());
        assertTrue(body.at("/latest/temperature/value").isNumber());

        final HttpResponse<String> registered = get("/api/devices/probe-0");
        assertEquals("Probe 0", JSON.readTree(registered.body()).at("/registry/name").asText());

        final HttpResponse<String> unknown = get("/api/devices/nobody");
        assertEquals(404, unknown.statusCode());
        assertTrue(JSON.readTree(unknown.body()).has("error"));

        final HttpResponse<String> bad = get("/api/devices/bad%20id!");
        assertEquals(400, bad.statusCode());
        assertTrue(JSON.readTree(bad.body()).get("error").asText().contains("device id"), bad.body());
    }

    private static void awaitAllScored() {
        KafkaTestSupport.consumeUntil(broker.bootstrapServers(), Topics.SCORES, VigilSerdes.score().deserializer(),
                Duration.ofSeconds(60), r -> r.size() >= DEVICES * (READINGS - FIRST_SCORED + 1));
    }

    @Test
    @DisplayName("history and hourly stats of a device come from its score history")
    @Order(3)
    void historyAndStats() throws Exception {
        awaitAllScored();
        final String range = "?from=" + T0.minusSeconds(60) + "&to=" + T0.plusSeconds(120);
        final HttpResponse<String> history = get("/api/devices/probe-3/history" + range + "&metric=temperature");
        assertEquals(200, history.statusCode(), history.body());
        final JsonNode scores = JSON.readTree(history.body());
        assertEquals(READINGS - FIRST_SCORED + 1, scores.size());
        int anomalies = 0;
        for (final JsonNode s : scores) {
            anomalies += s.get("anomaly").asBoolean() ? 1 : 0;
        }
        assertEquals(1, anomalies);
        assertEquals(0, JSON.readTree(get("/api/devices/probe-3/history" + range + "&metric=humidity").body()).size());

        final JsonNode stats = JSON.readTree(get("/api/devices/probe-3/stats" + range + "&bucket=1h").body());
        long count = 0;
        long statAnomalies = 0;
        double max = 0;
        for (final JsonNode b : stats) {
            count += b.get("count").asLong();
            statAnomalies += b.get("anomalies").asLong();
            max = Math.max(max, b.get("max").asDouble());
        }
        assertEquals(READINGS - FIRST_SCORED + 1, count);
        assertEquals(1, statAnomalies);
        assertEquals(40.0, max);
        assertEquals(400, get("/api/devices/probe-3/stats?bucket=7x").statusCode());
        assertEquals(400, get("/api/devices/probe-3/history?from=yesterday").statusCode());
    }

    @Test
    @DisplayName("the device list pages in id order and filters by type and anomalies")
    @Order(4)
    void deviceList() throws Exception {
        awaitAllScored();
        final List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            final JsonNode page = JSON.readTree(get("/api/devices?limit=4" + (cursor == null ? "" : "&cursor=" + cursor)).body());
            page.get("devices").forEach(d -> ids.add(d.get("deviceId").asText()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
        } while (cursor != null);
        assertEquals(List.of("probe-0", "probe-1", "probe-2", "probe-3", "probe-4", "probe-5"), ids);
        final JsonNode typed = JSON.readTree(get("/api/devices?type=temperature-probe").body()).get("devices");
        assertEquals(1, typed.size());
        assertEquals("Probe 0", typed.get(0).get("name").asText());
        final JsonNode anomalous = JSON.readTree(get("/api/devices?anomalous=true").body()).get("devices");
        assertEquals(1, anomalous.size());
        assertEquals("probe-3", anomalous.get(0).get("deviceId").asText());
        assertEquals(400, get("/api/devices?limit=0").statusCode());
    }

    @Test
    @DisplayName("PUT validates a registry entry, writes it to the devices topic, and the device shows it")
    @Order(5)
    void putRegistryEntry() throws Exception {
        final HttpResponse<String> bad = put("/api/devices/probe-4", "{\"name\":\"x\",\"threshold\":-1}");
        assertEquals(400, bad.statusCode());
        assertTrue(JSON.readTree(bad.body()).get("error").asText().contains("threshold"), bad.body());
        assertEquals(400, put("/api/devices/probe-4", "{not json").statusCode());

        final HttpResponse<String> ok = put("/api/devices/probe-4",
                "{\"name\":\"Freezer 4\",\"type\":\"temperature-probe\",\"metrics\":{\"temperature\":{\"threshold\":0.05}}}");
        assertEquals(200, ok.statusCode(), ok.body());
        final Instant deadline = Instant.now().plusSeconds(20);
        String name = "";
        while (Instant.now().isBefore(deadline) && !name.equals("Freezer 4")) {
            name = JSON.readTree(get("/api/devices/probe-4").body()).at("/registry/name").asText();
            Thread.sleep(100);
        }
        assertEquals("Freezer 4", name);
    }

    @Test
    @DisplayName("recent anomalies, the SSE feed with resume by Last-Event-ID, /ready and /metrics")
    @Order(6)
    void feedReadyAndMetrics() throws Exception {
        awaitAllScored();
        final JsonNode recent = awaitRecentAnomalies(1);
        assertEquals("probe-3", recent.get(0).at("/anomaly/deviceId").asText());
        final String firstId = recent.get(0).get("id").asText();

        try (SseTestClient live = new SseTestClient(base() + "/api/anomalies/stream", null);
             SseTestClient resumed = new SseTestClient(base() + "/api/anomalies/stream", firstId);
             SseTestClient filtered = new SseTestClient(base() + "/api/anomalies/stream?deviceId=probe-2", null)) {
            assertEquals(200, live.status(Duration.ofSeconds(5)));
            Thread.sleep(500);
            // a new spike on probe-1, after its last reading
            KafkaTestSupport.produce(broker.bootstrapServers(), Topics.TELEMETRY, List.<String[]>of(new String[] {"probe-1",
                    TelemetryJson.nested("probe-1", T0.plusSeconds(READINGS), "temperature", 45.0)}));
            final SseTestClient.Event event = live.next(Duration.ofSeconds(20));
            assertTrue(event != null, "no SSE event");
            assertEquals("anomaly", event.event());
            assertEquals("probe-1", JSON.readTree(event.data()).get("deviceId").asText());
            final List<SseTestClient.Event> afterFirst = resumed.take(1, Duration.ofSeconds(10));
            assertEquals(1, afterFirst.size(), "resuming after the first anomaly yields exactly the next one");
            assertEquals(event.id(), afterFirst.get(0).id());
            assertTrue(filtered.take(1, Duration.ofSeconds(2)).isEmpty(), "the deviceId filter lets nothing else through");
            assertTrue(filtered.comments() >= 3, "keep-alive comments every 300 ms: " + filtered.comments());
            try (SseTestClient fourth = new SseTestClient(base() + "/api/anomalies/stream", null)) {
                assertEquals(503, fourth.status(Duration.ofSeconds(5)), "past sse.max.clients a client is refused");
            }
        }
        assertEquals(400, HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/api/anomalies/stream"))
                .header("Accept", "text/event-stream").header("Last-Event-ID", "garbage").GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(406, get("/api/anomalies/stream").statusCode(), "a plain GET is told to accept an event stream");

        assertEquals(200, get("/ready").statusCode());
        final String metrics = get("/metrics").body();
        assertTrue(metrics.contains("vigil_readings_scored_total"), "scoring counter");
        assertTrue(metrics.contains("vigil_scoring_batch_size"), "batch sizes");
        assertTrue(metrics.contains("vigil_scoring_inference_seconds"), "inference latency");
        assertTrue(metrics.contains("vigil_anomalies_total{device_type=\"unregistered\"}"), "anomalies by type");
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("http_server_requests_seconds_count")
                && l.contains("route=\"/api/devices/{id}\"")), () -> "HTTP metrics by route: " + metrics.lines()
                .filter(l -> l.startsWith("http_server")).toList());
        assertTrue(metrics.contains("kafka_stream"), "Kafka Streams metrics");
    }

    @Test
    @Order(7)
    @DisplayName("POST /api/telemetry: a valid batch is written after Kafka's ack; one bad item rejects the batch")
    void httpIngestion() throws Exception {
        final StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < 25; i++) {
            batch.append(i == 0 ? "" : ",").append(TelemetryJson.nested("gw-1", T0.plusSeconds(i), "temperature", 21.0 + i % 3));
        }
        final HttpResponse<String> accepted = post("/api/telemetry", batch.append("]").toString());
        assertEquals(202, accepted.statusCode(), accepted.body());
        assertEquals(25, JSON.readTree(accepted.body()).get("accepted").asInt());
        final Instant deadline = Instant.now().plusSeconds(20);
        int messages = 0;
        while (Instant.now().isBefore(deadline) && messages < 25) {
            final HttpResponse<String> device = get("/api/devices/gw-1");
            messages = device.statusCode() == 200 ? JSON.readTree(device.body()).at("/state/messages").asInt() : 0;
            Thread.sleep(100);
        }
        assertEquals(25, messages, "every accepted reading reached the device's state");

        final HttpResponse<String> single = post("/api/telemetry",
                "{\"deviceId\":\"gw-1\",\"timestamp\":" + T0.plusSeconds(30).toEpochMilli() + ",\"temperature\":21.5}");
        assertEquals(202, single.statusCode(), single.body());

        final HttpResponse<String> mixed = post("/api/telemetry", "[" + TelemetryJson.nested("gw-2", T0, "t", 1.0)
                + ",{\"deviceId\":\"gw-2\",\"timestamp\":\"soon\",\"t\":2}]");
        assertEquals(400, mixed.statusCode());
        final JsonNode errors = JSON.readTree(mixed.body()).get("detail");
        assertEquals(1, errors.size());
        assertEquals(1, errors.get(0).get("index").asInt());
        assertEquals("INVALID_TIMESTAMP", errors.get(0).get("reason").asText());
        assertEquals(400, post("/api/telemetry", "not json").statusCode());
        assertEquals(400, post("/api/telemetry", "[]").statusCode());
        final StringBuilder tooMany = new StringBuilder("[");
        for (int i = 0; i < 1001; i++) {
            tooMany.append(i == 0 ? "" : ",").append(TelemetryJson.nested("gw-3", T0.plusSeconds(i), "t", 1.0));
        }
        assertEquals(400, post("/api/telemetry", tooMany.append("]").toString()).statusCode());
        Thread.sleep(1000);
        assertEquals(404, get("/api/devices/gw-2").statusCode(), "nothing of a rejected batch was written");
        assertEquals(404, get("/api/devices/gw-3").statusCode());
    }

    private static HttpResponse<String> post(final String path, final String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base() + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode awaitRecentAnomalies(final int count) throws Exception {
        final Instant deadline = Instant.now().plusSeconds(20);
        JsonNode recent = JSON.readTree("[]");
        while (Instant.now().isBefore(deadline) && recent.size() < count) {
            recent = JSON.readTree(get("/api/anomalies?limit=10").body());
            Thread.sleep(200);
        }
        return recent;
    }

    private static String base() {
        return "http://127.0.0.1:" + httpPort;
    }

    private static HttpResponse<String> put(final String path, final String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base() + path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @DisplayName("the device-state and pending-scores changelogs roll 64 MB segments and are cleaned at 10% dirty")
    @Order(8)
    void changelogConfigs() throws Exception {
        final java.util.Properties p = new java.util.Properties();
        p.put(org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(p)) {
            for (final String store : List.of(StoreNames.DEVICE_STATE, StoreNames.PENDING_SCORES)) {
                final org.apache.kafka.common.config.ConfigResource topic = new org.apache.kafka.common.config.ConfigResource(
                        org.apache.kafka.common.config.ConfigResource.Type.TOPIC, StoreNames.changelog("vigil", store));
                final org.apache.kafka.clients.admin.Config config = admin.describeConfigs(List.of(topic)).all().get().get(topic);
                assertEquals(String.valueOf(64 * 1024 * 1024), config.get("segment.bytes").value(), store);
                assertEquals("0.1", config.get("min.cleanable.dirty.ratio").value(), store);
                assertEquals("compact", config.get("cleanup.policy").value(), store);
            }
        }
    }

    private static HttpResponse<String> get(final String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
