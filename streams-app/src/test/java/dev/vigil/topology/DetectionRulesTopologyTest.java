package dev.vigil.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.config.VigilConfig;
import dev.vigil.model.score.AutoencoderScorer;
import dev.vigil.model.score.ModelArtifacts;
import dev.vigil.scoring.AnomalyRecord;
import dev.vigil.scoring.ScoreRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The robust warm-up and the three rules (stuck value, missing run, envelope), through the topology with the shipped model. */
class DetectionRulesTopologyTest {

    private static final int WINDOW = 16;
    @AutoClose
    private static final AutoencoderScorer model = ModelArtifacts.loadDefault();
    @TempDir
    Path stateDir;

    private TopologyHarness harness() {
        return new TopologyHarness(model, stateDir, Map.of());
    }

    private static List<Double> rounded(final List<Double> values) {
        return values.stream().map(v -> Math.round(v * 1000) / 1000.0).toList();
    }

    @Test
    @DisplayName("a spike during warm-up does not hide later spikes (the range is learned from median and Qn)")
    void spikeInWarmup() {
        try (TopologyHarness h = harness()) {
            final List<Double> warmup = new ArrayList<>(TopologyHarness.normal(20, 25, 0.15, 1));
            warmup.set(7, 40.0);
            h.sendSeries("probe-1", "temperature", warmup);
            h.sendSeries("probe-1", "temperature", TopologyHarness.normal(30, 25, 0.15, 2));
            h.sendSeries("probe-1", "temperature", List.of(37.0));
            h.flush();
            final var learned = h.deviceStates().get("probe-1").metrics().get("temperature").learned();
            assertTrue(learned.hi() - learned.lo() < 24 * 0.3, "range " + learned + " ignores the spike");
            final List<AnomalyRecord> anomalies = h.anomalies.readValuesToList();
            assertEquals(1, anomalies.size(), "the later spike is found");
            assertEquals(37.0, anomalies.get(0).value());
            assertEquals(ScoreRecord.AUTOENCODER, anomalies.get(0).detector());
        }
    }

    @Test
    @DisplayName("a value repeated 5 times in a row is flagged once as 'stuck'; a metric that never varied is not")
    void stuckValue() {
        try (TopologyHarness h = harness()) {
            final List<Double> series = new ArrayList<>(rounded(TopologyHarness.normal(40, 25, 0.15, 3)));
            series.addAll(Collections.nCopies(20, series.get(series.size() - 1)));
            h.sendSeries("probe-1", "temperature", series);
            h.sendSeries("door-1", "proximity", Collections.nCopies(60, 5.0));
            h.flush();
            final List<AnomalyRecord> anomalies = h.anomalies.readValuesToList();
            assertEquals(1, anomalies.size(), anomalies.toString());
            assertEquals("stuck", anomalies.get(0).detector());
            assertEquals("probe-1", anomalies.get(0).deviceId());
            final List<ScoreRecord> probe = h.scores.readValuesToList().stream()
                    .filter(s -> s.deviceId().equals("probe-1")).toList();
            assertTrue(probe.get(probe.size() - 20 + 3).anomaly(), "the 5th identical value (4th repeat)");
            assertFalse(probe.get(probe.size() - 1).anomaly(), "once per run");
        }
    }

    @Test
    @DisplayName("a value repeated at the lowest or highest the metric had before is a sensor resting at a bound: stuck only once it fills a window")
    void restingAtABoundIsNotStuck() {
        try (TopologyHarness h = harness()) {
            // a light sensor at about 10 lux that reads 0 now and then (its door swings into a dark frame)
            final List<Double> light = new ArrayList<>(dim(40, 7));
            light.addAll(Collections.nCopies(6, 0.0)); // 0 for the first time: below every earlier value
            light.addAll(dim(40, 8));
            light.addAll(Collections.nCopies(6, 0.0)); // 0 again: the lowest it had before, for a door's while
            light.addAll(dim(30, 9));
            final int longRun = light.size();
            light.addAll(Collections.nCopies(20, 0.0)); // 0 for longer than a window: stuck there, or a clipped shift
            final List<Double> later = dim(30, 10);
            light.addAll(later);
            light.addAll(Collections.nCopies(6, later.get(later.size() - 1))); // an ordinary value, repeated
            h.sendSeries("door-1", "light", light);
            h.flush();
            final List<ScoreRecord> scores = h.scores.readValuesToList();
            final List<Double> stuck = scores.stream().filter(s -> "stuck".equals(s.detector()))
                    .map(ScoreRecord::value).toList();
            assertEquals(List.of(0.0, 0.0, later.get(later.size() - 1)), stuck);
            final int offset = light.size() - scores.size(); // readings before the first window filled
            assertEquals("stuck", scores.get(longRun + WINDOW - 1 - offset).detector(), "the long run's W-th reading");
        }
    }

    @Test
    @DisplayName("a run at a bound the window before it was resting at is never stuck, however long it lasts")
    void restingAtABoundForLong() {
        try (TopologyHarness h = harness()) {
            final List<Double> light = new ArrayList<>(dim(40, 7));
            light.addAll(Collections.nCopies(6, 0.0)); // 0 for the first time: stuck at its 5th reading (a new low)
            light.addAll(dim(40, 8)); // past the warm-up and its review blocks (20 + 3 x 20 readings here)
            for (int i = 0; i < 3; i++) { // dusk: the daily cycle takes it to 0 lux, its noise above 0 now and then
                light.addAll(List.of(0.0, 0.0, 0.5 + i));
            }
            light.addAll(Collections.nCopies(3 * WINDOW, 0.0)); // night: 0 lux for three windows
            h.sendSeries("door-1", "light", light);
            h.flush();
            final List<ScoreRecord> scores = h.scores.readValuesToList();
            final List<Integer> stuck = new ArrayList<>();
            for (int i = 0; i < scores.size(); i++) {
                if ("stuck".equals(scores.get(i).detector())) {
                    stuck.add(i + light.size() - scores.size());
                }
            }
            assertEquals(List.of(40 + 4), stuck, "only the first run's 5th reading");
            assertEquals(Boolean.TRUE, h.deviceStates().get("door-1").metrics().get("light").varies(),
                    "the stuck rule applies to it");
        }
    }

    /** Readings of a dim light sensor: about 10 lux, never below 3 (so that 0 is a new low the first time). */
    private static List<Double> dim(final int count, final long seed) {
        return rounded(TopologyHarness.normal(count, 10, 2, seed)).stream().map(v -> Math.max(3.0, v)).toList();
    }

    @Test
    @DisplayName("during warm-up, from the W-th reading, a sensor that varied so far and then repeats a value is 'stuck'; a coarse one is not")
    void stuckDuringWarmup() {
        try (TopologyHarness h = new TopologyHarness(model, stateDir,
                Map.of(VigilConfig.WARMUP_READINGS, "50", VigilConfig.WARMUP_PROVISIONAL, "true"))) {
            final List<Double> varying = new ArrayList<>(rounded(TopologyHarness.normal(20, 25, 0.15, 5)));
            varying.addAll(Collections.nCopies(6, varying.get(varying.size() - 1)));
            h.sendSeries("probe-1", "temperature", varying);
            // steps of 0.1 around 25.0: about half its consecutive readings repeat
            final List<Double> coarse = new ArrayList<>(TopologyHarness.normal(20, 25, 0.05, 6).stream()
                    .map(v -> Math.round(v * 10) / 10.0).toList());
            coarse.addAll(Collections.nCopies(6, 25.0));
            h.sendSeries("probe-2", "temperature", coarse);
            h.flush();
            final List<AnomalyRecord> anomalies = h.anomalies.readValuesToList();
            assertEquals(1, anomalies.size(), anomalies.toString());
            assertEquals("stuck", anomalies.get(0).detector());
            assertEquals("probe-1", anomalies.get(0).deviceId());
            assertNull(h.deviceStates().get("probe-1").metrics().get("temperature").learned(), "still in warm-up");
        }
    }

    @Test
    @DisplayName("the 3rd missing reading in a row is flagged once as 'missing'; one or two missing are normal")
    void missingRun() {
        try (TopologyHarness h = harness()) {
            final List<Double> series = new ArrayList<>(TopologyHarness.normal(40, 25, 0.15, 4));
            series.add(null);
            series.addAll(TopologyHarness.normal(5, 25, 0.15, 5));
            series.addAll(Arrays.asList(null, null));
            series.addAll(TopologyHarness.normal(5, 25, 0.15, 6));
            series.addAll(Collections.nCopies(8, (Double) null));
            series.addAll(TopologyHarness.normal(5, 25, 0.15, 7));
            h.sendSeries("aq-1", "pm2_5", series);
            h.flush();
            final List<AnomalyRecord> anomalies = h.anomalies.readValuesToList();
            assertEquals(1, anomalies.size(), anomalies.toString());
            assertEquals("missing", anomalies.get(0).detector());
            assertTrue(anomalies.get(0).imputed());
        }
    }
    /** 100 readings of 25 ± 0.15 °C, then 120 climbing 0.025 °C a reading (a sixth of the noise): 3 °C in all. */
    private static List<Double> slowClimb(final long seed) {
        final List<Double> series = new ArrayList<>(TopologyHarness.normal(100, 25, 0.15, seed));
        final List<Double> noise = TopologyHarness.normal(120, 0, 0.15, seed + 1);
        for (int i = 0; i < noise.size(); i++) {
            series.add(25 + 0.025 * (i + 1) + noise.get(i));
        }
        return series;
    }

    private static List<AnomalyRecord> byDetector(final List<AnomalyRecord> anomalies, final String detector) {
        return anomalies.stream().filter(a -> a.detector().equals(detector)).toList();
    }

    @Test
    @DisplayName("a level never reached before, climbed to slowly, is flagged once as 'envelope' where it first gets 3 deviations beyond; steady noise is not")
    void climbBeyondTheEnvelope() {
        try (TopologyHarness h = harness()) {
            final List<Double> climb = slowClimb(8);
            h.sendSeries("probe-1", "temperature", climb);
            h.sendSeries("probe-2", "temperature", TopologyHarness.normal(220, 25, 0.15, 10));
            h.flush();
            final List<AnomalyRecord> anomalies = h.anomalies.readValuesToList();
            final List<AnomalyRecord> envelope = byDetector(anomalies, "envelope");
            assertEquals(1, envelope.size(), anomalies.toString());
            assertEquals("probe-1", envelope.get(0).deviceId());
            // the first reading at least 3 of the range's 24 noise deviations above every value before its window
            final var range = h.deviceStates().get("probe-1").metrics().get("temperature").learned();
            final double margin = 3 * (range.hi() - range.lo()) / 24;
            int first = -1;
            for (int j = 100; j < climb.size() && first < 0; j++) {
                final double highest = climb.subList(0, j - 15).stream().mapToDouble(Double::doubleValue).max().orElseThrow();
                first = climb.get(j) - highest >= margin ? j : -1;
            }
            assertTrue(first > 100, "the climb leaves the envelope at reading " + first);
            assertEquals(climb.get(first), envelope.get(0).value(), 1e-9);
        }
    }

    @Test
    @DisplayName("rules.envelope.deviations=0 turns the envelope rule off")
    void envelopeRuleOff() {
        try (TopologyHarness h = new TopologyHarness(model, stateDir, Map.of(VigilConfig.RULES_ENVELOPE_DEVIATIONS, "0"))) {
            h.sendSeries("probe-1", "temperature", slowClimb(8));
            h.flush();
            final List<AnomalyRecord> anomalies = h.anomalies.readValuesToList();
            assertTrue(byDetector(anomalies, "envelope").isEmpty(), anomalies.toString());
        }
    }

    @Test
    @DisplayName("the envelope rule leaves a cyclic metric alone: a heading turning slowly on past 360° raises no 'envelope' alarm")
    void noEnvelopeForACyclicMetric() {
        // 100 readings of a heading at 355° ± 0.15, then 120 turning 0.1° a reading, on past north to 7°
        final List<Double> turning = new ArrayList<>(TopologyHarness.normal(100, 355, 0.15, 8));
        final List<Double> noise = TopologyHarness.normal(120, 0, 0.15, 9);
        for (int i = 0; i < noise.size(); i++) {
            turning.add(355 + 0.1 * (i + 1) + noise.get(i));
        }
        try (TopologyHarness h = harness()) {
            h.devices.pipeInput("door-1", "{\"name\":\"Door\",\"type\":\"door-sensor\",\"location\":\"lab\","
                    + "\"metrics\":{\"orientation_alpha\":{\"period\":360}}}");
            h.sendSeries("door-1", "orientation_alpha", turning.stream().map(v -> v % 360).toList());
            h.sendSeries("door-2", "orientation_alpha", turning);
            h.flush();
            final List<AnomalyRecord> anomalies = h.anomalies.readValuesToList();
            assertEquals(List.of("door-2"), byDetector(anomalies, "envelope").stream().map(AnomalyRecord::deviceId).toList(),
                    "only the metric without a period is judged by its envelope: " + anomalies);
        }
    }
}
