package dev.vigil.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.app.VigilApp;
import dev.vigil.broker.LocalKafkaBroker;
import dev.vigil.fleet.MetricScale;
import dev.vigil.model.score.AutoencoderScorer;
import dev.vigil.model.score.ModelArtifacts;
import dev.vigil.testing.TelemetryJson;
import dev.vigil.topology.Topics;
import dev.vigil.topology.VigilSerdes;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fleet scales on a real broker: the lit door lights' settled scales travel through {@code metric-scales} into every
 * instance's {@code fleet-scales} global store (waited for through {@link VigilApp#fleetScale}), where a dark door
 * light is judged by them: its dawn raises no alarm, a spike does. After a restart the store (in memory) is counted
 * again from the topic, and judges a second dark light.
 */
class FleetScalesIT {

    private static final Instant T0 = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
    /** With a warm-up of 20 readings and 3 review blocks, a range settles at the 80th. */
    private static final int SETTLED = 80;
    private static final double SPIKE = 600.0;

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
    @DisplayName("lit lights' scales reach metric-scales; dark lights of the same type pass their dawn and their spike is flagged, before and after a restart")
    void aDarkLightIsJudgedByItsFleet() throws Exception {
        broker = new LocalKafkaBroker(dir.resolve("kafka"), 0, 0).start();
        scorer = ModelArtifacts.loadDefault();
        app = AppCluster.start(broker, scorer, dir, "1", LocalKafkaBroker.freePort(), Map.of());
        AppCluster.awaitRunning(app);
        final List<String[]> registry = new ArrayList<>();
        for (int d = 1; d <= 6; d++) {
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
            lit.add(reading("door-6", i, 0.0));
        }
        KafkaTestSupport.produce(broker.bootstrapServers(), Topics.TELEMETRY, lit);
        final List<ConsumerRecord<String, MetricScale>> scales = KafkaTestSupport.consumeUntil(broker.bootstrapServers(),
                Topics.METRIC_SCALES, VigilSerdes.metricScale().deserializer(), Duration.ofSeconds(60), r -> r.size() >= 4);
        assertEquals(Set.of("door-1/light", "door-2/light", "door-3/light", "door-4/light"),
                scales.stream().map(ConsumerRecord::key).collect(Collectors.toSet()),
                "the four lit lights; the dark ones have no scale of their own");
        final double[] sorted = scales.stream().mapToDouble(scale -> scale.value().scale()).sorted().toArray();
        assertEquals(3, (sorted[1] + sorted[2]) / 2, 1, "their noise: " + Arrays.toString(sorted));

        assertEquals(3, awaitFleetScale(), 1, "counted into the instance's fleet-scales store before door-5's dawn");
        KafkaTestSupport.produce(broker.bootstrapServers(), Topics.TELEMETRY, dawnAndSpike("door-5", random));
        assertEquals(List.of(SPIKE), alarms("door-5"), "door-5's dawn passes, its spike is flagged");

        app.close();
        app = AppCluster.start(broker, scorer, dir, "1", LocalKafkaBroker.freePort(), Map.of());
        AppCluster.awaitRunning(app);
        assertEquals(3, awaitFleetScale(), 1, "counted again from metric-scales on restart");
        KafkaTestSupport.produce(broker.bootstrapServers(), Topics.TELEMETRY, dawnAndSpike("door-6", random));
        assertEquals(List.of(SPIKE), alarms("door-6"), "after the restart too: door-6's dawn passes, its spike is flagged");
    }

    /**
     * The door lights' fleet scale once the instance's global thread has counted it (the scales on the topic reach the
     * store a moment later; a dawn produced before that would be judged without it), or NaN after 30 s.
     */
    private double awaitFleetScale() throws InterruptedException {
        final Instant deadline = Instant.now().plusSeconds(30);
        double scale = app.fleetScale("door-sensor", "light");
        while (Double.isNaN(scale) && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
            scale = app.fleetScale("door-sensor", "light");
        }
        return scale;
    }

    private static List<String[]> dawnAndSpike(final String deviceId, final Random random) {
        final List<String[]> dawn = new ArrayList<>();
        for (int i = SETTLED; i < SETTLED + 60; i++) {
            dawn.add(reading(deviceId, i, i % 10 == 5 ? Math.abs(3 * random.nextGaussian()) : 0.0));
        }
        dawn.add(reading(deviceId, SETTLED + 60, SPIKE));
        return dawn;
    }

    private List<Double> alarms(final String deviceId) {
        return KafkaTestSupport.consumeUntil(broker.bootstrapServers(), Topics.ANOMALIES,
                        VigilSerdes.anomaly().deserializer(), Duration.ofSeconds(60),
                        r -> r.stream().anyMatch(a -> a.key().equals(deviceId) && a.value().value() == SPIKE))
                .stream().filter(a -> a.key().equals(deviceId)).map(a -> a.value().value()).toList();
    }

    private static String[] reading(final String deviceId, final int second, final double lux) {
        return new String[] {deviceId, TelemetryJson.nested(deviceId, T0.plusSeconds(second), "light",
                Math.round(lux * 1000) / 1000.0)};
    }
}
