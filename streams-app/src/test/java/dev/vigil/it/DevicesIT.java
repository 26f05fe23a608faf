package dev.vigil.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import dev.vigil.app.VigilApp;
import dev.vigil.broker.LocalKafkaBroker;
import dev.vigil.config.VigilConfig;
import dev.vigil.gateway.EdgeAggregator;
import dev.vigil.gateway.GatewayWriter;
import dev.vigil.gateway.MqttBridge;
import dev.vigil.gateway.SensorUdpPacket;
import dev.vigil.ingest.TelemetryLimits;
import dev.vigil.testing.TelemetryJson;
import dev.vigil.ingest.TelemetryParser;
import dev.vigil.registry.RegistryWriter;
import dev.vigil.simulator.Replay;
import dev.vigil.simulator.ReplaySeries;
import java.time.Clock;
import org.apache.kafka.clients.producer.KafkaProducer;
import dev.vigil.ingest.DeadLetter;
import dev.vigil.ingest.DlqReason;
import dev.vigil.model.score.AutoencoderScorer;
import dev.vigil.model.score.ModelArtifacts;
import dev.vigil.simulator.Fleet;
import dev.vigil.simulator.Simulator;
import dev.vigil.simulator.SimulatorOptions;
import dev.vigil.simulator.Transport;
import dev.vigil.topology.Topics;
import dev.vigil.topology.VigilSerdes;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Devices end to end on a real KRaft broker and a real MQTT broker (embedded HiveMQ CE): the MQTT bridge, the
 * UDP gateway, the simulator over each transport, and commands round trip to simulated devices. Each test uses
 * its own device ids. The instance keeps no score history ({@code history.retention.ms=0}), as a deployment that
 * needs none would run.
 */
class DevicesIT {

    @TempDir
    static Path dir;
    private static LocalKafkaBroker kafka;
    private static MqttTestBroker mqtt;
    private static AutoencoderScorer scorer;
    private static VigilApp app;
    private static String base;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        kafka = new LocalKafkaBroker(dir.resolve("kafka"), 0, 0).start();
        mqtt = new MqttTestBroker(dir.resolve("mqtt")).start();
        scorer = ModelArtifacts.loadDefault();
        final int httpPort = LocalKafkaBroker.freePort();
        app = VigilApp.start(VigilConfig.of(Map.ofEntries(
                Map.entry(VigilConfig.STATE_DIR, dir.resolve("state").toString()),
                Map.entry(VigilConfig.HTTP_PORT, String.valueOf(httpPort)),
                Map.entry(VigilConfig.TOPICS_PARTITIONS, "4"),
                Map.entry(VigilConfig.MQTT_ENABLED, "true"),
                Map.entry(VigilConfig.MQTT_SERVER, mqtt.address()),
                Map.entry(VigilConfig.UDP_ENABLED, "true"),
                Map.entry(VigilConfig.UDP_PORT, "0"),
                Map.entry(VigilConfig.UDP_DEVICES, "127.0.0.2=front-door"),
                Map.entry(VigilConfig.EDGE_INTERVAL_MS, "50"),
                Map.entry(VigilConfig.HISTORY_RETENTION_MS, "0"), // no test here reads a history; historyOff checks it is off
                Map.entry("kafka.commit.interval.ms", "100"))), kafka.bootstrapServers(), scorer);
        base = "http://127.0.0.1:" + httpPort;
        AppCluster.awaitRunning(app);
    }

    @AfterAll
    static void stop() throws Exception {
        AppCluster.closeAll(app == null ? List.of() : List.of(app), scorer, kafka);
        if (mqtt != null) {
            mqtt.close();
        }
    }

    @Test
    @DisplayName("MQTT: QoS 1 messages reach 'telemetry' keyed by the topic's device id; bad ones reach the DLQ with the reason")
    void mqttBridge() throws Exception {
        final Mqtt3BlockingClient client = Mqtt3Client.builder().identifier("it-" + UUID.randomUUID())
                .serverHost("127.0.0.1").serverPort(mqtt.port()).buildBlocking();
        client.connect();
        try {
            publish(client, "vigil/mqtt-1/telemetry", "{\"timestamp\":\"" + Instant.now()
                    + "\",\"readings\":{\"temperature\":21.5}}");
            publish(client, "vigil/mqtt-2/telemetry", "not json");
            publish(client, "vigil/mqtt-3/telemetry", "{\"deviceId\":\"someone-else\",\"timestamp\":\""
                    + Instant.now() + "\",\"temperature\":1}");
        } finally {
            client.disconnect();
        }
        final JsonNode reading = JSON.readTree(awaitRecord(Topics.TELEMETRY, r -> "mqtt-1".equals(r.key())).value());
        assertEquals(21.5, reading.at("/readings/temperature").asDouble());
        assertEquals(DlqReason.MALFORMED_JSON, awaitDeadLetter("mqtt-2").reason());
        final DeadLetter mismatch = awaitDeadLetter("mqtt-3");
        assertEquals(DlqReason.KEY_MISMATCH, mismatch.reason());
        assertTrue(mismatch.value().contains("someone-else"), "the original message is kept: " + mismatch);
        awaitDevice("mqtt-1");
    }

    @Test
    @DisplayName("MQTT: messages published while the bridge is down are delivered when it reconnects (persistent session)")
    void mqttBridgeLosesNothingWhileDown() throws Exception {
        final String filter = "lossless/+/telemetry";
        final String clientId = "it-bridge-" + UUID.randomUUID();
        try (KafkaProducer<String, byte[]> producer = RegistryWriter.producer(kafka.bootstrapServers())) {
            final GatewayWriter writer = new GatewayWriter(producer);
            final TelemetryParser parser = new TelemetryParser(TelemetryLimits.from(VigilConfig.of(Map.of())));
            try (EdgeAggregator direct = new EdgeAggregator(Duration.ZERO, EdgeAggregator.Deadband.NONE,
                    Duration.ofMinutes(1), (r, done) -> writer.telemetry(r, "it", done), System::currentTimeMillis)) {
                new MqttBridge(mqtt.address(), filter, clientId, parser, direct, writer, Clock.systemUTC()).start().close();
                final Mqtt3BlockingClient client = Mqtt3Client.builder().identifier("it-" + UUID.randomUUID())
                        .serverHost("127.0.0.1").serverPort(mqtt.port()).buildBlocking();
                client.connect();
                final Instant t0 = Instant.now().minusSeconds(60);
                for (int i = 0; i < 20; i++) {
                    publish(client, "lossless/offline-1/telemetry", "{\"timestamp\":\"" + t0.plusSeconds(i)
                            + "\",\"readings\":{\"n\":" + i + "}}");
                }
                client.disconnect();
                try (MqttBridge again = new MqttBridge(mqtt.address(), filter, clientId, parser, direct, writer,
                        Clock.systemUTC()).start()) {
                    final List<ConsumerRecord<String, String>> got = KafkaTestSupport.consumeUntil(
                            kafka.bootstrapServers(), Topics.TELEMETRY, new StringDeserializer(), Duration.ofSeconds(60),
                            r -> r.stream().filter(x -> "offline-1".equals(x.key())).count() >= 20);
                    assertEquals(20, got.stream().filter(x -> "offline-1".equals(x.key())).count(),
                            "every message published while the bridge was away");
                }
            }
        }
    }

    @Test
    @DisplayName("replay: a NAB CSV sent over HTTP reaches the device's state with its original timestamps")
    void replayOverHttp() throws Exception {
        final Path csv = dir.resolve("replay.csv");
        final StringBuilder lines = new StringBuilder("timestamp,value\n");
        final Instant t0 = Instant.now().minus(Duration.ofHours(2)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        final java.time.format.DateTimeFormatter nab = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                .withZone(java.time.ZoneOffset.UTC);
        for (int i = 0; i < 30; i++) {
            lines.append(nab.format(t0.plus(Duration.ofMinutes(5L * i)))).append(',').append(70 + i % 3).append('\n');
        }
        java.nio.file.Files.writeString(csv, lines);
        final SimulatorOptions options = SimulatorOptions.builder("").transport(Transport.HTTP).httpUrl(base)
                .commands(false).gateway(null, Duration.ofSeconds(1)).build();
        try (Replay replay = new Replay(options)) {
            assertEquals(30, replay.run(ReplaySeries.nabCsv(csv, "replay-1", "temperature"), csv, 0));
        }
        final String last = t0.plus(Duration.ofMinutes(145)).toString();
        final JsonNode device = awaitDevice("replay-1", d -> d.at("/state/messages").asInt() == 30);
        assertEquals(last, device.at("/latest/temperature/timestamp").asText());
        assertEquals("replay", device.at("/registry/type").asText());
    }

    @Test
    @DisplayName("UDP: a SensorUDP packet becomes a reading of the mapped device; short and NaN packets reach the DLQ")
    void udpGateway() throws Exception {
        final Map<String, Double> values = new LinkedHashMap<>();
        values.put("accel_x", 0.25);
        values.put("accel_z", 9.81);
        values.put("light", 120.0);
        values.put("proximity", 5.0);
        try (DatagramSocket mapped = new DatagramSocket(new InetSocketAddress("127.0.0.2", 0));
                DatagramSocket unmapped = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            send(mapped, SensorUdpPacket.encode(values));
            send(unmapped, new byte[10]);
            values.put("accel_y", Double.NaN);
            send(unmapped, SensorUdpPacket.encode(values));
        }
        final JsonNode reading = JSON.readTree(awaitRecord(Topics.TELEMETRY, r -> "front-door".equals(r.key())).value());
        assertEquals(0.25, reading.at("/readings/accel_x").asDouble(), 1e-6);
        assertEquals(15, reading.get("readings").size(), "15 named values per packet");
        final List<DeadLetter> rejected = KafkaTestSupport.consumeUntil(kafka.bootstrapServers(), Topics.TELEMETRY_DLQ,
                VigilSerdes.deadLetter().deserializer(), Duration.ofSeconds(30),
                r -> r.stream().filter(x -> "udp-127-0-0-1".equals(x.key())).count() >= 2)
                .stream().filter(x -> "udp-127-0-0-1".equals(x.key())).map(ConsumerRecord::value).toList();
        assertEquals(List.of(DlqReason.MALFORMED_PACKET, DlqReason.NON_FINITE_VALUE),
                rejected.stream().map(DeadLetter::reason).toList());
        assertTrue(rejected.get(0).detail().contains("10 bytes"), rejected.get(0).detail());
        awaitDevice("front-door");
    }

    @Test
    @DisplayName("the simulator over HTTP and over MQTT: its devices are registered and their readings reach device state")
    void simulatorTransports() throws Exception {
        final SimulatorOptions http = SimulatorOptions.builder(kafka.bootstrapServers()).transport(Transport.HTTP)
                .httpUrl(base).fleets(Map.of(Fleet.temperatureProbes(), 3)).interval(Duration.ofMillis(100))
                .maxMessages(60).commands(false).gateway(null, Duration.ofSeconds(1)).build();
        final SimulatorOptions overMqtt = SimulatorOptions.builder(kafka.bootstrapServers()).transport(Transport.MQTT)
                .mqttServer(mqtt.address()).fleets(Map.of(Fleet.doorSensors(), 2)).interval(Duration.ofMillis(100))
                .maxMessages(40).commands(false).gateway("gw-mqtt", Duration.ofMillis(500)).build();
        for (final SimulatorOptions options : List.of(http, overMqtt)) {
            try (Simulator simulator = new Simulator(options)) {
                simulator.run();
                assertEquals(options.maxMessages(), simulator.messagesSent());
            }
        }
        final JsonNode probe = awaitDevice("probe-3");
        assertEquals("temperature-probe", probe.at("/registry/type").asText(), "registered with PUT over HTTP");
        final JsonNode door = awaitDevice("door-2");
        assertEquals("door-sensor", door.at("/registry/type").asText());
        assertTrue(door.at("/latest/orientation_alpha").isObject(), door.toString());
        awaitDevice("gw-mqtt");
    }

    @Test
    @DisplayName("commands: inject reaches the simulated device, is acknowledged and labelled; errors answer 400/404; "
            + "an unanswered command expires")
    void commandRoundTrip() throws Exception {
        final SimulatorOptions options = SimulatorOptions.builder(kafka.bootstrapServers())
                .fleets(Map.of(Fleet.airQualityMonitors(), 2)).interval(Duration.ofMillis(200)).anomalyRate(0)
                .gateway(null, Duration.ofSeconds(1)).build();
        try (Simulator simulator = new Simulator(options)) {
            final Thread thread = new Thread(simulator, "it-simulator");
            thread.start();
            assertTrue(simulator.awaitReady(Duration.ofSeconds(60)), "simulator ready");
            awaitDevice("aq-1");

            final HttpResponse<String> sent = post("/api/devices/aq-1/commands",
                    "{\"name\":\"inject\",\"args\":{\"kind\":\"dropout\",\"metric\":\"pm2_5\",\"readings\":3}}");
            assertEquals(202, sent.statusCode(), sent.body());
            final JsonNode status = JSON.readTree(sent.body());
            assertEquals("sent", status.get("state").asText());
            final String id = status.at("/command/commandId").asText();
            final JsonNode done = awaitCommand("aq-1", id, s -> !"sent".equals(s));
            assertEquals("acknowledged", done.get("state").asText(), done.toString());
            assertEquals("dropout on pm2_5", done.get("detail").asText());
            final ConsumerRecord<String, String> label = awaitRecord(Topics.ANOMALY_LABELS, r -> "aq-1".equals(r.key()));
            assertEquals("DROPOUT", JSON.readTree(label.value()).get("kind").asText());

            final HttpResponse<String> failed = post("/api/devices/aq-2/commands",
                    "{\"name\":\"inject\",\"args\":{\"metric\":\"light\"}}");
            assertEquals("failed", awaitCommand("aq-2", JSON.readTree(failed.body()).at("/command/commandId").asText(),
                    s -> !"sent".equals(s)).get("state").asText(), "an air-quality monitor has no light metric");
        }
        assertEquals(404, post("/api/devices/nobody-1/commands", "{\"name\":\"reset\"}").statusCode());
        final HttpResponse<String> badName = post("/api/devices/aq-1/commands", "{\"name\":\"explode\"}");
        assertEquals(400, badName.statusCode());
        assertTrue(JSON.readTree(badName.body()).get("detail").asText().contains("name must be one of"), badName.body());
        assertEquals(400, post("/api/devices/aq-1/commands", "{\"name\":\"set-rate\",\"args\":{\"intervalMs\":-5}}")
                .statusCode());
        assertEquals(400, post("/api/devices/aq-1/commands", "{\"name\":").statusCode());

        // the simulator is gone: nobody answers
        final HttpResponse<String> orphan = post("/api/devices/aq-1/commands", "{\"name\":\"reset\",\"ttlMs\":500}");
        assertEquals(202, orphan.statusCode(), orphan.body());
        final String orphanId = JSON.readTree(orphan.body()).at("/command/commandId").asText();
        assertEquals("expired", awaitCommand("aq-1", orphanId, "expired"::equals).get("state").asText());
    }

    @Test
    @DisplayName("history.retention.ms=0: readings are still scored to 'scores', and /history and /stats answer 404 with a JSON body that says the history is off")
    void historyOff() throws Exception {
        final Instant t0 = Instant.now().minus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        final List<String> messages = new java.util.ArrayList<>();
        for (int i = 0; i < 60; i++) {
            messages.add(TelemetryJson.nested("nohist-1", t0.plusSeconds(i), "temperature", 20 + i % 3 * 0.1));
        }
        assertEquals(202, post("/api/telemetry", "[" + String.join(",", messages) + "]").statusCode());
        final JsonNode score = JSON.readTree(awaitRecord(Topics.SCORES, r -> "nohist-1".equals(r.key())).value());
        assertEquals("temperature", score.get("metric").asText());
        awaitDevice("nohist-1");
        for (final String path : List.of("/api/devices/nohist-1/history", "/api/devices/nohist-1/stats")) {
            final HttpResponse<String> r = get(path);
            assertEquals(404, r.statusCode(), path + ": " + r.body());
            final JsonNode body = JSON.readTree(r.body());
            assertEquals("no history", body.get("error").asText(), r.body());
            assertTrue(body.get("detail").asText().contains("history.retention.ms=0"), r.body());
        }
    }

    private static void publish(final Mqtt3BlockingClient client, final String topic, final String payload) {
        client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(payload.getBytes(StandardCharsets.UTF_8))
                .send();
    }

    private static void send(final DatagramSocket socket, final byte[] bytes) throws Exception {
        socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getByName("127.0.0.1"), app.udpPort()));
    }

    private static HttpResponse<String> get(final String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(final String path, final String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static ConsumerRecord<String, String> awaitRecord(final String topic,
            final Predicate<ConsumerRecord<String, String>> match) {
        return KafkaTestSupport.consumeUntil(kafka.bootstrapServers(), topic, new StringDeserializer(),
                Duration.ofSeconds(60), r -> r.stream().anyMatch(match)).stream().filter(match).findFirst()
                .orElseThrow(() -> new AssertionError("no matching record on " + topic));
    }

    private static DeadLetter awaitDeadLetter(final String key) {
        return KafkaTestSupport.consumeUntil(kafka.bootstrapServers(), Topics.TELEMETRY_DLQ,
                VigilSerdes.deadLetter().deserializer(), Duration.ofSeconds(60),
                r -> r.stream().anyMatch(x -> key.equals(x.key()))).stream().filter(x -> key.equals(x.key()))
                .findFirst().orElseThrow(() -> new AssertionError("no dead letter for " + key)).value();
    }

    /** Polls GET /api/devices/{id} until it answers 200 with state; returns the body. */
    private static JsonNode awaitDevice(final String id) throws Exception {
        return awaitDevice(id, d -> d.get("latest").size() > 0);
    }

    private static JsonNode awaitDevice(final String id, final Predicate<JsonNode> ready) throws Exception {
        final Instant deadline = Instant.now().plusSeconds(60);
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            final HttpResponse<String> r = get("/api/devices/" + id);
            last = r.statusCode() + " " + r.body();
            if (r.statusCode() == 200 && ready.test(JSON.readTree(r.body()))) {
                return JSON.readTree(r.body());
            }
            Thread.sleep(200);
        }
        throw new AssertionError("device " + id + " not as expected after 60 s: " + last);
    }

    private static JsonNode awaitCommand(final String device, final String commandId, final Predicate<String> state)
            throws Exception {
        final Instant deadline = Instant.now().plusSeconds(60);
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            final HttpResponse<String> r = get("/api/devices/" + device + "/commands");
            last = r.statusCode() + " " + r.body();
            if (r.statusCode() == 200) {
                for (final JsonNode c : JSON.readTree(r.body())) {
                    if (commandId.equals(c.at("/command/commandId").asText()) && state.test(c.get("state").asText())) {
                        return c;
                    }
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("command " + commandId + " never reached the state: " + last);
    }
}
