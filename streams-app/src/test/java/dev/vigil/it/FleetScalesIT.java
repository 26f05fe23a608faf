package dev.vigil.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.vigil.app.VigilApp;
import dev.vigil.broker.LocalKafkaBroker;
import dev.vigil.fleet.FleetScale;
import dev.vigil.model.score.AutoencoderScorer;
import dev.vigil.model.score.ModelArtifacts;
import dev.vigil.scoring.AnomalyRecord;
import dev.vigil.testing.TelemetryJson;
import dev.vigil.topology.Topics;
import dev.vigil.topology.VigilSerdes;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fleet scales on a real broker: the lit door lights' settled scales travel through {@code metric-scales} and the
 * counting to {@code fleet-scales}, back into the scoring task's global store, where a dark door light is judged by
 * them: its dawn raises no alarm, a spike does.
 */
class FleetScalesIT {

    private static final Instant T0 = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
    /** With a warm-up of 20 readings and 3 review blocks, a range settles at the 80th. */
    private static final int SETTLED = 80;

    @TempDir
    Path dir;
    private LocalKafkaBroker broker;
    private AutoencoderScorer scorer;
    private VigilApp app;

    @AfterEach
    void stop() {
        AppCluster.closeAll(app == null ? List.of() : List.of(app), scorer, broker);
    }

    @Test
    @DisplayName("lit lights' scales reach fleet-scales; a dark light of the same type passes its dawn, its spike is flagged")
    void aDarkLightIsJudgedByItsFleet() throws Exception {
        broker = new LocalKafkaBroker(dir.resolve("kafka"), 0, 0).start();
        scorer = ModelArtifacts.loadDefault();
        app = AppCluster.start(broker, scorer, dir, "1", LocalKafkaBroker.freePort(), Map.of());
        AppCluster.awaitRunning(app);
        final List<String[]> registry = new ArrayList<>();
        for (int d = 1; d <= 5; d++) {
            registry.add(new String[] {"door-" + d, "{\"name\":\"Door " + d + "\",\"type\":\"door-sensor\"}"});
        }
        KafkaTestSupport.produce(broker.bootstrapServers(), Topics.DEVICES, registry);

        final Random random = new Random(7);
        final List<String[]> lit = new ArrayList<>();
        for (int i = 0; i < SETTLED; i++) {
            for (int d = 1; d <= 4; d++) {
                lit.add(reading("door-" + d, i, 100 * d + 3 * random.nextGaussian()));
            }
            lit.add(reading("door-5", i, 0.0));
        }
        KafkaTestSupport.produce(broker.bootstrapServers(), Topics.TELEMETRY, lit);
        final List<ConsumerRecord<String, FleetScale>> fleet = KafkaTestSupport.consumeUntil(broker.bootstrapServers(),
                Topics.FLEET_SCALES, VigilSerdes.fleetScale().deserializer(), Duration.ofSeconds(60),
                r -> !r.isEmpty() && r.get(r.size() - 1).value().devices() == 4);
        assertFalse(fleet.isEmpty(), "no fleet scale within 60 s");
        final FleetScale scale = fleet.get(fleet.size() - 1).value();
        assertEquals(FleetScale.key("door-sensor", "light"), fleet.get(fleet.size() - 1).key());
        assertEquals(4, scale.devices(), "the four lit lights; the dark one has no scale of its own");
        assertEquals(3, scale.scale(), 1, "their noise");

        final List<String[]> dawn = new ArrayList<>();
        for (int i = SETTLED; i < SETTLED + 60; i++) {
            dawn.add(reading("door-5", i, i % 10 == 5 ? Math.abs(3 * random.nextGaussian()) : 0.0));
        }
        dawn.add(reading("door-5", SETTLED + 60, 600.0));
        KafkaTestSupport.produce(broker.bootstrapServers(), Topics.TELEMETRY, dawn);
        final List<ConsumerRecord<String, AnomalyRecord>> anomalies = KafkaTestSupport.consumeUntil(
                broker.bootstrapServers(), Topics.ANOMALIES, VigilSerdes.anomaly().deserializer(), Duration.ofSeconds(60),
                r -> r.stream().anyMatch(a -> a.value().value() == 600.0));
        assertEquals(List.of(600.0), anomalies.stream().filter(a -> a.key().equals("door-5")).map(a -> a.value().value())
                .toList(), "door-5's dawn passes, its spike is flagged");
    }

    private static String[] reading(final String deviceId, final int second, final double lux) {
        return new String[] {deviceId, TelemetryJson.nested(deviceId, T0.plusSeconds(second), "light",
                Math.round(lux * 1000) / 1000.0)};
    }
}
