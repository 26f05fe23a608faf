package dev.vigil.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.config.VigilConfig;
import dev.vigil.fleet.FleetScaleCounter;
import dev.vigil.fleet.MetricScale;
import dev.vigil.fleet.ScaleCounts;
import dev.vigil.model.score.ModelArtifacts;
import dev.vigil.scoring.ScoreRecord;
import dev.vigil.testing.CountingScorer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fleet scales: each device's settled scale on {@code metric-scales}, counted per device type and metric into the
 * {@code fleet-scales} global store, whose median judges the dim and dark sensors of the type.
 */
class FleetScaleTopologyTest {

    @AutoClose
    private static final CountingScorer scorer = new CountingScorer(ModelArtifacts.loadDefault());
    @TempDir
    Path stateDir;

    /** A harness at the default warm-up (50 readings, 3 review blocks: a range settles at the 200th). */
    private TopologyHarness harness() {
        return new TopologyHarness(scorer, stateDir, Map.of(VigilConfig.WARMUP_READINGS, "50"));
    }

    private static void register(final TopologyHarness h, final String deviceId, final String type) {
        h.devices.pipeInput(deviceId, "{\"name\":\"" + deviceId + "\",\"type\":\"" + type + "\"}");
    }

    /** Three lit door lights (noise 3 lux) settle their ranges. */
    private static void settleThreeLitDoors(final TopologyHarness h) {
        for (int d = 1; d <= 3; d++) {
            register(h, "door-" + d, "door-sensor");
            h.sendSeries("door-" + d, "light", TopologyHarness.normal(200, 100 * d, 3, d));
        }
    }

    @Test
    @DisplayName("each device's settled scale goes to metric-scales; the global store counts them per type and metric")
    void settledScalesMakeTheFleetScale() {
        try (TopologyHarness h = harness()) {
            final TestOutputTopic<String, MetricScale> metricScales = h.driver.createOutputTopic(Topics.METRIC_SCALES,
                    new StringDeserializer(), VigilSerdes.metricScale().deserializer());
            register(h, "door-1", "door-sensor");
            h.sendSeries("door-1", "light", TopologyHarness.normal(199, 100, 3, 1));
            assertTrue(metricScales.isEmpty(), "nothing before the range settles at the 200th reading");
            h.sendSeries("door-1", "light", TopologyHarness.normal(1, 100, 3, 9));
            final Map<String, MetricScale> settled = metricScales.readKeyValuesToMap();
            assertEquals(List.of("door-1/light"), List.copyOf(settled.keySet()));
            assertEquals("door-sensor", settled.get("door-1/light").deviceType());
            assertEquals(3, settled.get("door-1/light").scale(), 0.6, "Qn of noise 3");
            h.sendSeries("door-1", "light", TopologyHarness.normal(200, 100, 3, 2));
            assertTrue(metricScales.isEmpty(), "a settled range is final: published once");

            register(h, "door-2", "door-sensor");
            h.sendSeries("door-2", "light", TopologyHarness.normal(200, 300, 30, 3));
            register(h, "door-3", "door-sensor");
            h.sendSeries("door-3", "light", TopologyHarness.normal(200, 50, 6, 4));
            final ScaleCounts fleet = fleet(h, "door-sensor", "light");
            assertEquals(3, fleet.devices());
            assertEquals(6, fleet.median(), 1.2, "the median of about 3, 6 and 30: " + fleet);
        }
    }

    @Test
    @DisplayName("the counts follow each device's latest scale: a changed scale replaces its old one, a tombstone or a new type takes it out")
    void theCountsFollowEachDevicesLatestScale() {
        try (TopologyHarness h = harness()) {
            final TestInputTopic<String, MetricScale> scales = h.driver.createInputTopic(Topics.METRIC_SCALES,
                    new StringSerializer(), VigilSerdes.metricScale().serializer());
            scales.pipeInput("door-1/light", new MetricScale("door-sensor", "light", 2));
            scales.pipeInput("door-2/light", new MetricScale("door-sensor", "light", 3));
            scales.pipeInput("door-3/light", new MetricScale("door-sensor", "light", 5));
            scales.pipeInput("door-1/accel_x", new MetricScale("door-sensor", "accel_x", 0.04));
            assertEquals(3, fleet(h, "door-sensor", "light").devices());
            assertEquals(3, fleet(h, "door-sensor", "light").median(), 0.1);
            assertEquals(1, fleet(h, "door-sensor", "accel_x").devices(), "another metric, another fleet");

            scales.pipeInput("door-2/light", new MetricScale("door-sensor", "light", 8));
            assertEquals(3, fleet(h, "door-sensor", "light").devices(), "replaced, not counted twice");
            assertEquals(5, fleet(h, "door-sensor", "light").median(), 0.1);

            scales.pipeInput("door-3/light", null);
            scales.pipeInput("door-1/light", new MetricScale("lamp", "light", 2));
            assertEquals(1, fleet(h, "door-sensor", "light").devices());
            assertEquals(8, fleet(h, "door-sensor", "light").median(), 0.2);
            assertEquals(1, fleet(h, "lamp", "light").devices());
            scales.pipeInput("door-2/light", null);
            assertNull(fleet(h, "door-sensor", "light"), "a fleet with no device left is removed");
        }
    }

    @Test
    @DisplayName("an unreadable or invalid metric-scales record is skipped by the global thread; the counts stay and later scales are counted")
    void anInvalidScaleIsSkipped() {
        try (TopologyHarness h = harness()) {
            final TestInputTopic<String, String> scales = h.driver.createInputTopic(Topics.METRIC_SCALES,
                    new StringSerializer(), new StringSerializer());
            scales.pipeInput("door-1/light", "{\"deviceType\":\"door-sensor\",\"metric\":\"light\",\"scale\":2}");
            scales.pipeInput("door-2/light", "not json");
            scales.pipeInput("door-3/light", "{\"deviceType\":\"door-sensor\",\"metric\":\"light\",\"scale\":-1}");
            scales.pipeInput("door-4/light", "{\"metric\":\"light\",\"scale\":3}");
            scales.pipeInput("door-1/light", "[1, 2]");
            assertEquals(1, fleet(h, "door-sensor", "light").devices(), "only door-1's valid scale is counted");
            assertEquals(2, fleet(h, "door-sensor", "light").median(), 0.05, "an invalid record does not replace it");
            scales.pipeInput("door-5/light", "{\"deviceType\":\"door-sensor\",\"metric\":\"light\",\"scale\":4}");
            assertEquals(2, fleet(h, "door-sensor", "light").devices(), "the global thread goes on");
            assertTrue(h.dlq.isEmpty(), "Kafka Streams 4.3 logs and skips global-store errors, no DLQ");
        }
    }

    @Test
    @DisplayName("a dark light sensor is judged by its fleet's scale: its first dim readings pass, a spike is still flagged; with no fleet each dim reading is an alarm")
    void aDarkSensorIsJudgedByItsFleetsScale() {
        try (TopologyHarness h = harness()) {
            settleThreeLitDoors(h);
            register(h, "door-4", "door-sensor");
            register(h, "lamp-1", "lamp");
            for (final String dark : List.of("door-4", "lamp-1")) {
                h.sendSeries(dark, "light", Collections.nCopies(200, 0.0));
                h.sendSeries(dark, "light", dawn());
                h.sendSeries(dark, "light", List.of(0.0, 600.0, 0.0));
            }
            h.flush();
            final List<ScoreRecord> scores = h.scores.readValuesToList();
            final List<ScoreRecord> door = flagged(scores, "door-4");
            assertEquals(List.of(600.0), door.stream().map(ScoreRecord::value).toList(),
                    "the dawn passes, the spike is flagged");
            final List<ScoreRecord> lamp = flagged(scores, "lamp-1");
            assertTrue(lamp.size() >= 5, "no fleet scale for a lamp: the floor flags its dawn, " + lamp);
            assertFalse(h.deviceStates().get("door-4").metrics().get("light").reviewed(),
                    "the state keeps its floor range, still settling");
        }
    }

    @Test
    @DisplayName("a dim light sensor whose range is still settling (clipped at 0 lux) is judged by its fleet's wider scale")
    void aSettlingRangeIsJudgedByItsFleetsScale() {
        try (TopologyHarness h = harness()) {
            settleThreeLitDoors(h);
            register(h, "door-5", "door-sensor");
            register(h, "lamp-2", "lamp");
            final List<Double> brighter = new ArrayList<>(Collections.nCopies(60, 0.0));
            for (int i = 7; i < brighter.size(); i += 12) {
                brighter.set(i, 12.5 + i / 100.0);
            }
            for (final String dim : List.of("door-5", "lamp-2")) {
                h.sendSeries(dim, "light", TopologyHarness.normal(200, 0.5, 1.5, 5).stream()
                        .map(v -> Math.max(0, Math.round(v * 1000) / 1000.0)).toList());
                h.sendSeries(dim, "light", brighter);
            }
            h.flush();
            final List<ScoreRecord> scores = h.scores.readValuesToList();
            final var range = h.deviceStates().get("door-5").metrics().get("light");
            assertFalse(range.reviewed(), "clipped at 0 lux: still settling, " + range.learned());
            assertTrue(range.learned().width() < 2 * 12 * 3 / 2.0, "its own scale is narrower: " + range.learned());
            assertEquals(List.of(), flagged(scores, "door-5"), "12.5-13 lux is within its fleet's range");
            assertFalse(flagged(scores, "lamp-2").isEmpty(), "and beyond its own");
        }
    }

    /** A light sensor's dawn: 0 lux, and every tenth reading a little light. */
    private static List<Double> dawn() {
        final java.util.Random random = new java.util.Random(26);
        final List<Double> readings = new ArrayList<>(Collections.nCopies(100, 0.0));
        for (int i = 5; i < readings.size(); i += 10) {
            readings.set(i, Math.round(Math.abs(3 * random.nextGaussian()) * 1000) / 1000.0);
        }
        return readings;
    }

    private static ScaleCounts fleet(final TopologyHarness h, final String type, final String metric) {
        return h.driver.<String, ScaleCounts>getKeyValueStore(StoreNames.FLEET_SCALES)
                .get(FleetScaleCounter.fleetKey(type, metric));
    }

    private static List<ScoreRecord> flagged(final List<ScoreRecord> scores, final String deviceId) {
        return scores.stream().filter(s -> s.deviceId().equals(deviceId)).filter(ScoreRecord::anomaly).toList();
    }
}
