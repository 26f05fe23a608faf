package dev.vigil.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.model.score.ModelArtifacts;
import dev.vigil.scoring.AnomalyRecord;
import dev.vigil.config.VigilConfig;
import dev.vigil.model.Normalisation;
import dev.vigil.state.MetricState;
import dev.vigil.registry.MetricSettings;
import dev.vigil.scoring.ScoreRecord;
import dev.vigil.scoring.PendingScore;
import dev.vigil.scoring.ScoringSettings;
import dev.vigil.state.DeviceState;
import dev.vigil.testing.CountingScorer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Warm-up, scoring, thresholds, registry join, imputation and micro-batching, with the shipped model. */
class ScoringTopologyTest {

    private static final int WARMUP = 20;
    private static final int WINDOW = 16;
    @AutoClose
    private static final CountingScorer scorer = new CountingScorer(ModelArtifacts.loadDefault());
    @TempDir
    Path stateDir;

    @BeforeEach
    void resetCounts() {
        scorer.reset();
    }

    private TopologyHarness harness(final Map<String, String> overrides) {
        return new TopologyHarness(scorer, stateDir, overrides);
    }

    /**
     * The values the scores flag when probe-1's temperature is fed these segments with these settings; each flagged
     * reading is also on {@code anomalies}.
     */
    @SafeVarargs
    private List<Double> flagged(final Map<String, String> overrides, final List<Double>... segments) {
        try (TopologyHarness h = harness(overrides)) {
            for (final List<Double> segment : segments) {
                h.sendSeries("probe-1", "temperature", segment);
            }
            h.flush();
            final List<Double> flagged = h.scores.readValuesToList().stream().filter(ScoreRecord::anomaly)
                    .map(ScoreRecord::value).toList();
            assertEquals(flagged.size(), h.anomalies.readValuesToList().size());
            return flagged;
        }
    }

    @Test
    @DisplayName("provisional warm-up: scored from the W-th reading with the warm-up's range so far; a spike there is found, normal readings pass, the range is then frozen")
    void provisionalWarmup() {
        try (TopologyHarness h = harness(Map.of(VigilConfig.WARMUP_PROVISIONAL, "true"))) {
            h.sendSeries("probe-1", "temperature", TopologyHarness.normal(WINDOW - 1, 25, 0.2, 1));
            h.flush();
            assertTrue(h.scores.isEmpty(), "scored before the window was full");

            final List<Double> rest = new ArrayList<>(TopologyHarness.normal(WARMUP - WINDOW + 1 + 30, 25, 0.2, 2));
            rest.set(2, 41.0); // the 18th reading, inside warm-up
            h.sendSeries("probe-1", "temperature", rest);
            h.flush();
            final List<ScoreRecord> scores = h.scores.readValuesToList();
            assertEquals(rest.size(), scores.size(), "every reading from the W-th on is scored");
            final List<ScoreRecord> flagged = scores.stream().filter(ScoreRecord::anomaly).toList();
            assertEquals(1, flagged.size(), "only the warm-up spike: " + flagged);
            assertEquals(41.0, flagged.get(0).value());
            final Normalisation learned = h.deviceStates().get("probe-1").metrics().get("temperature").learned();
            assertTrue(learned != null && learned.lo() > 22 && learned.hi() < 28, "robust range, not widened by the spike: " + learned);
        }
    }

    @Test
    @DisplayName("provisional warm-up: a reading is judged by the range learned before it, so the first reading of a burst on a sensor that read one value throughout is found")
    void provisionalRangeLeavesTheReadingOut() {
        // A light sensor in the dark reads 0 lux; repeats are left out of a learned range, so had the burst's first
        // reading joined the range it is judged by, that range would come from {0, 18} alone and hide it.
        final List<Double> flagged = flagged(Map.of(VigilConfig.WARMUP_PROVISIONAL, "true"),
                Collections.nCopies(WINDOW, 0.0), List.of(18.0));
        assertEquals(List.of(18.0), flagged, "the burst's first reading, the 17th, inside the warm-up");
    }

    @Test
    @DisplayName("with warmup.provisional=false nothing is scored during warm-up; afterwards every reading is scored and normal ones pass")
    void warmupThenScores() {
        try (TopologyHarness h = harness(Map.of())) {
            h.sendSeries("probe-1", "temperature", TopologyHarness.normal(WARMUP - 1, 25, 0.2, 1));
            h.flush();
            assertTrue(h.scores.isEmpty(), "scored during warm-up");
            assertEquals(null, h.deviceStates().get("probe-1").metrics().get("temperature").learned());

            h.sendSeries("probe-1", "temperature", TopologyHarness.normal(40, 25, 0.2, 2));
            h.flush();
            final List<ScoreRecord> scores = h.scores.readValuesToList();
            assertEquals(40, scores.size());
            for (final ScoreRecord s : scores) {
                assertFalse(s.anomaly(), "normal reading flagged: " + s);
                assertEquals(0.01, s.threshold());
                assertEquals("vigil-ae:1", s.modelVersion());
                assertTrue(s.reconstructionError() > 0 && s.reconstructionError() < 0.01);
            }
            assertTrue(h.anomalies.isEmpty());
            final var learned = h.deviceStates().get("probe-1").metrics().get("temperature").learned();
            assertNotNull(learned);
            assertTrue(learned.lo() < 25 && learned.hi() > 25);
        }
    }

    @Test
    @DisplayName("a spike is an anomaly with its window, reconstruction, error, threshold and z-score")
    void spikeIsAnomalous() {
        try (TopologyHarness h = harness(Map.of())) {
            h.sendSeries("probe-1", "temperature", TopologyHarness.normal(60, 25, 0.2, 3));
            h.sendSeries("probe-1", "temperature", List.of(40.0));
            h.flush();
            final List<ScoreRecord> scores = h.scores.readValuesToList();
            final ScoreRecord last = scores.get(scores.size() - 1);
            assertEquals(40.0, last.value());
            assertTrue(last.anomaly(), "spike not flagged: " + last);
            final List<AnomalyRecord> anomalies = h.anomalies.readValuesToList();
            assertEquals(1, anomalies.size());
            final AnomalyRecord a = anomalies.get(0);
            assertEquals("probe-1", a.deviceId());
            assertEquals(last.reconstructionError(), a.reconstructionError());
            final AnomalyRecord.Explanation e = a.explanation();
            assertEquals(WINDOW, e.window().length);
            assertEquals(40.0, e.window()[WINDOW - 1]);
            assertEquals(WINDOW, e.reconstruction().length);
            assertTrue(e.zScore() > 30, "z-score " + e.zScore());
            double sum = 0;
            for (int i = 0; i < WINDOW; i++) {
                final double d = e.normalisedWindow()[i] - e.reconstruction()[i];
                sum += d * d;
            }
            assertEquals(a.reconstructionError(), sum / WINDOW, 1e-6, "error is the window's mean squared residual");
            final DeviceState state = h.deviceStates().get("probe-1");
            assertEquals(1, state.anomalies());
            assertEquals(40.0, state.lastAnomaly().value());
        }
    }

    @Test
    @DisplayName("one spike is one anomaly: the readings after it are not flagged while it stays in their window")
    void oneAnomalyPerSpike() {
        try (TopologyHarness h = harness(Map.of())) {
            h.sendSeries("probe-1", "temperature", TopologyHarness.normal(60, 25, 0.2, 13));
            h.sendSeries("probe-1", "temperature", List.of(41.0));
            h.sendSeries("probe-1", "temperature", TopologyHarness.normal(WINDOW + 4, 25, 0.2, 14));
            h.flush();
            final List<ScoreRecord> scores = h.scores.readValuesToList();
            final List<ScoreRecord> flagged = scores.stream().filter(ScoreRecord::anomaly).toList();
            assertEquals(1, flagged.size(), () -> "flagged: " + flagged);
            assertEquals(41.0, flagged.get(0).value());
            final long highErrorAfter = scores.stream().filter(s -> !s.anomaly() && s.reconstructionError() > 0.01).count();
            assertTrue(highErrorAfter >= WINDOW - 2, "the window error stays high while the spike is in the window");
            assertEquals(1, h.anomalies.readValuesToList().size());
        }
    }

    @Test
    @DisplayName("hold-off: a noisy stretch is one autoencoder alarm per window length, a later incident is flagged again; 0 turns it off")
    void holdOff() {
        final List<Double> burst = List.of(30.0, 20.0, 32.0, 18.0, 34.0, 16.0, 36.0, 14.0);
        final Map<String, List<Double>> flaggedByHoldoff = new java.util.HashMap<>();
        for (final String holdoff : List.of("16", "0")) {
            flaggedByHoldoff.put(holdoff, flagged(Map.of("alarms.holdoff.readings", holdoff),
                    TopologyHarness.normal(60, 25, 0.2, 13), burst, TopologyHarness.normal(WINDOW + 4, 25, 0.2, 14),
                    List.of(41.0)));
        }
        assertEquals(List.of(30.0, 41.0), flaggedByHoldoff.get("16"), "the burst's first reading, then the spike");
        assertTrue(flaggedByHoldoff.get("0").stream().filter(burst::contains).count() > 1,
                () -> "without the hold-off every new extreme of the burst is an alarm: " + flaggedByHoldoff.get("0"));
    }

    @Test
    @DisplayName("escalation gate: a reading the model would flag is not an alarm while the series recently did worse; 0 turns the gate off")
    void escalationGate() {
        // with the hold-off off, so that the gate alone decides: after 36.0 (error 12.6), 14.0 has a smaller error
        // (1.5) and is no isolated excursion (the reading before it is off too); 34.0 and 32.0 do worse (44, 65)
        final List<Double> burst = List.of(36.0, 14.0, 34.0, 16.0, 32.0, 18.0, 30.0, 20.0);
        final Map<String, List<Double>> flaggedBySetting = new java.util.HashMap<>();
        for (final String readings : List.of("96", "0")) {
            flaggedBySetting.put(readings, flagged(Map.of(VigilConfig.ALARMS_ESCALATION_READINGS, readings,
                    VigilConfig.ALARMS_HOLDOFF_READINGS, "0"), TopologyHarness.normal(60, 25, 0.2, 13), burst,
                    TopologyHarness.normal(WINDOW, 25, 0.2, 14)));
        }
        assertEquals(List.of(36.0, 34.0, 32.0), flaggedBySetting.get("96"), "only readings that do worse");
        assertEquals(List.of(36.0, 14.0, 34.0, 32.0), flaggedBySetting.get("0"));
    }

    @Test
    @DisplayName("escalation gate: only readings the model would flag set the peak, so a drift after a level shift's return is found at once")
    void escalationGateCountsOnlyCulprits() {
        // a 20 σ shift for 10 readings, back, then a slow drift (0.12 per reading) 8 readings later. The shift's
        // culprits (its first reading, error 0.48, and its return, 0.44) are a calm window (16 readings) behind the
        // drift's first error (0.018); the readings in between are over the threshold (up to 0.4) only because the
        // shift is still in their window. Had they set the peak, the drift would be found 7 readings late
        final List<Double> base = TopologyHarness.normal(30, 25, 0.2, 16);
        final List<Double> drift = new ArrayList<>();
        for (int i = 0; i < base.size(); i++) {
            drift.add(base.get(i) + 0.12 * i);
        }
        final Map<String, List<Double>> flaggedBySetting = new java.util.HashMap<>();
        for (final String readings : List.of("96", "0")) {
            flaggedBySetting.put(readings, flagged(Map.of(VigilConfig.ALARMS_ESCALATION_READINGS, readings,
                    VigilConfig.ALARMS_HOLDOFF_READINGS, "0"), TopologyHarness.normal(60, 25, 0.2, 13),
                    TopologyHarness.normal(10, 29, 0.2, 14), TopologyHarness.normal(8, 25, 0.2, 15), drift)
                    .stream().filter(drift::contains).toList());
        }
        final List<Double> gated = flaggedBySetting.get("96");
        final List<Double> ungated = flaggedBySetting.get("0");
        assertFalse(gated.isEmpty(), "the drift is found with the gate on");
        assertEquals(ungated.get(0), gated.get(0), "at the same first reading as with the gate off");
        assertTrue(gated.size() < ungated.size(), "and the gate still holds back its smaller errors: " + gated
                + " of " + ungated);
    }

    @Test
    @DisplayName("hold-off: a second, isolated spike a few readings after the first is its own alarm; a level shift stays one alarm")
    void holdOffLetsAnIsolatedExcursionThrough() {
        try (TopologyHarness h = harness(Map.of())) {
            h.sendSeries("probe-1", "temperature", TopologyHarness.normal(60, 25, 0.2, 15));
            h.sendSeries("probe-1", "temperature", List.of(41.0));
            h.sendSeries("probe-1", "temperature", TopologyHarness.normal(4, 25, 0.2, 16));
            h.sendSeries("probe-1", "temperature", List.of(39.0)); // 5 readings later, inside the hold-off
            h.sendSeries("probe-1", "temperature", TopologyHarness.normal(WINDOW + 4, 25, 0.2, 17));
            final List<Double> shift = TopologyHarness.normal(12, 29, 0.2, 18); // a level shift, 20 σ up
            h.sendSeries("probe-1", "temperature", shift);
            h.flush();
            final List<Double> flagged = h.scores.readValuesToList().stream().filter(ScoreRecord::anomaly)
                    .map(ScoreRecord::value).toList();
            assertEquals(List.of(41.0, 39.0, shift.get(0)), flagged, "each spike, then the shift's first reading only");
        }
    }

    @Test
    @DisplayName("the reading right after an alarm is never an isolated excursion: a move whose first step is flagged while still near the level is one alarm")
    void readingAfterAnAlarmIsNotIsolated() {
        try (TopologyHarness h = harness(Map.of())) {
            h.sendSeries("probe-1", "temperature", TopologyHarness.normal(60, 25, 0.2, 15));
            // a step of 4.5 σ is flagged while less than 0.4 (normalised) from the level; the next, 15 σ, is that far
            // while its predecessor is not: the shape of an isolated excursion, but it continues the flagged move
            // (flagged as one before: two alarms)
            h.sendSeries("probe-1", "temperature", List.of(24.1, 22.0));
            h.sendSeries("probe-1", "temperature", TopologyHarness.normal(10, 22.0, 0.2, 16));
            h.flush();
            final List<Double> flagged = h.scores.readValuesToList().stream().filter(ScoreRecord::anomaly)
                    .map(ScoreRecord::value).toList();
            assertEquals(List.of(24.1), flagged, "the first step only");
        }
    }

    @Test
    @DisplayName("a second, smaller spike within a window after a larger one is flagged: an isolated excursion in a window over the threshold need not have its largest residual")
    void smallerSecondSpikeIsFlagged() {
        try (TopologyHarness h = harness(Map.of(VigilConfig.ALARMS_HOLDOFF_READINGS, "0"))) {
            h.sendSeries("probe-1", "temperature", TopologyHarness.normal(60, 25, 0.2, 15));
            h.sendSeries("probe-1", "temperature", List.of(45.0));
            h.sendSeries("probe-1", "temperature", TopologyHarness.normal(4, 25, 0.2, 16));
            h.sendSeries("probe-1", "temperature", List.of(31.0)); // 5 readings later, a third of the first one's size
            h.sendSeries("probe-1", "temperature", TopologyHarness.normal(WINDOW, 25, 0.2, 17));
            h.flush();
            final List<Double> flagged = h.scores.readValuesToList().stream().filter(ScoreRecord::anomaly)
                    .map(ScoreRecord::value).toList();
            assertEquals(List.of(45.0, 31.0), flagged);
        }
    }

    @Test
    @DisplayName("device movements: three metrics moving together (a door opening) are no anomaly, a spike during one is; with movements.metrics=0 the openings are alarms")
    void doorOpeningsAreNotAnomalies() {
        final Map<String, List<Double>> flaggedBySetting = new java.util.HashMap<>();
        for (final String metrics : List.of("3", "0")) {
            try (TopologyHarness h = harness(Map.of(VigilConfig.MOVEMENTS_METRICS, metrics))) {
                final java.util.Random noise = new java.util.Random(21);
                final java.util.function.Function<Map<String, Double>, Map<String, Double>> reading = add -> {
                    final Map<String, Double> out = new java.util.LinkedHashMap<>();
                    for (final String m : List.of("angle", "accel", "light", "humidity")) {
                        out.put(m, 10 + 0.2 * noise.nextGaussian() + add.getOrDefault(m, 0.0));
                    }
                    return out;
                };
                for (int i = 0; i < 80; i++) {
                    h.sendMessage("door-1", reading.apply(Map.of()));
                }
                for (int opening = 0; opening < 4; opening++) {
                    for (int step = 0; step < 5; step++) {
                        final double spike = opening == 3 && step == 2 ? 60 : 0; // 300 σ on accel, 10× an opening
                        h.sendMessage("door-1", reading.apply(Map.of("angle", 6.0, "accel", 6.0 + spike, "light", 6.0)));
                    }
                    for (int i = 0; i < 30; i++) {
                        h.sendMessage("door-1", reading.apply(Map.of()));
                    }
                }
                h.flush();
                flaggedBySetting.put(metrics, h.scores.readValuesToList().stream().filter(ScoreRecord::anomaly)
                        .map(ScoreRecord::value).toList());
            }
        }
        final List<Double> withMovements = flaggedBySetting.get("3");
        assertEquals(1, withMovements.size(), () -> "only the spike: " + withMovements);
        assertTrue(withMovements.get(0) > 70, () -> "the spike on accel: " + withMovements);
        assertTrue(flaggedBySetting.get("0").size() > 4, () -> "without movements the openings are alarms: "
                + flaggedBySetting.get("0"));
    }

    @Test
    @DisplayName("a door opening already under way at the first scored reading is a movement, not three anomalies")
    void anOpeningUnderWayWhenScoringStarts() {
        try (TopologyHarness h = harness(Map.of(VigilConfig.WARMUP_READINGS, "50", VigilConfig.WARMUP_PROVISIONAL, "true"))) {
            final java.util.Random noise = new java.util.Random(22);
            final double[] opening = {3, 6, 9, 10, 9, 6, 3}; // from reading 13; the first scored is reading 15 (W = 16)
            for (int i = 0; i < 60; i++) {
                final double add = i >= 13 && i < 13 + opening.length ? opening[i - 13] : 0;
                final Map<String, Double> reading = new java.util.LinkedHashMap<>();
                for (final String m : List.of("angle", "accel", "light", "humidity")) {
                    reading.put(m, 10 + 0.2 * noise.nextGaussian() + (m.equals("humidity") ? 0 : add));
                }
                h.sendMessage("door-1", reading);
            }
            h.flush();
            final List<ScoreRecord> scores = h.scores.readValuesToList();
            assertEquals(4 * (60 - 15), scores.size(), "every metric scored from reading 15 on");
            assertEquals(List.of(), scores.stream().filter(ScoreRecord::anomaly).toList());
        }
    }

    @Test
    @DisplayName("warm-up review: a drift during warm-up widens the range; the clean block after it replaces the range, so a later drift is found (and is not with warmup.review=false)")
    void warmupReviewReplacesARangeLearnedFromADrift() {
        final List<Double> drift = ramp(30, 25, 30, 23); // 5 °C over 30 readings, about 30 σ
        final List<Double> after = new ArrayList<>(drift);
        after.addAll(TopologyHarness.normal(10, 25, 0.15, 24)); // it snaps back
        for (final boolean review : List.of(true, false)) {
            try (TopologyHarness h = harness(Map.of(VigilConfig.WARMUP_READINGS, "50",
                    VigilConfig.WARMUP_REVIEW, String.valueOf(review)))) {
                h.sendSeries("probe-1", "temperature", ramp(50, 25, 30, 21)); // the warm-up: a drift
                final Normalisation learned = h.deviceStates().get("probe-1").metrics().get("temperature").learned();
                h.sendSeries("probe-1", "temperature", TopologyHarness.normal(70, 25, 0.15, 22)); // review block + 20
                final Normalisation reviewed = h.deviceStates().get("probe-1").metrics().get("temperature").learned();
                h.flush();
                assertTrue(h.scores.readValuesToList().stream().noneMatch(ScoreRecord::anomaly),
                        "normal readings after the warm-up are not flagged (review " + review + ")");
                h.sendSeries("probe-1", "temperature", after);
                h.flush();
                final long flagged = h.scores.readValuesToList().stream().filter(ScoreRecord::anomaly).count();
                if (review) {
                    assertTrue(width(reviewed) < width(learned) / 4, "reviewed " + reviewed + ", learned " + learned);
                    assertTrue(flagged > 0, "the later drift is found");
                } else {
                    assertEquals(learned, reviewed);
                    assertEquals(0, flagged, "the range of the drifting warm-up hides the later drift");
                }
            }
        }
    }

    @Test
    @DisplayName("a range the warm-up and the first review block both learned from drifts: with warmup.review.blocks=3 a clean later block narrows it; with 1 it keeps settling, and the next two blocks of noise narrow it")
    void laterReviewBlocks() {
        final List<Double> drift = ramp(30, 25, 30, 33);
        final List<Double> after = new ArrayList<>(drift);
        after.addAll(TopologyHarness.normal(10, 25, 0.15, 34));
        for (final int blocks : List.of(1, 3)) {
            try (TopologyHarness h = harness(Map.of(VigilConfig.WARMUP_READINGS, "50",
                    VigilConfig.WARMUP_REVIEW_BLOCKS, String.valueOf(blocks)))) {
                h.sendSeries("probe-1", "temperature", ramp(50, 25, 30, 31)); // the warm-up: a drift
                final Normalisation learned = h.deviceStates().get("probe-1").metrics().get("temperature").learned();
                h.sendSeries("probe-1", "temperature", ramp(50, 25, 30, 35)); // review block 1: a drift again
                final var afterReview = h.deviceStates().get("probe-1").metrics().get("temperature");
                assertEquals(learned, afterReview.learned(), "a drift is not less than half as wide (blocks " + blocks + ")");
                assertFalse(afterReview.reviewed(), blocks == 1 ? "its last review block was a trend: still settling"
                        : "two review blocks to go");
                h.sendSeries("probe-1", "temperature", TopologyHarness.normal(100, 25, 0.15, 32)); // two more blocks
                final var metric = h.deviceStates().get("probe-1").metrics().get("temperature");
                assertTrue(metric.reviewed(), "settled after 200 readings (blocks " + blocks + ")");
                assertEquals(0, metric.warmup().length, "no block values kept once settled");
                h.flush();
                h.scores.readValuesToList();
                h.sendSeries("probe-1", "temperature", after);
                h.flush();
                assertTrue(width(metric.learned()) < width(learned) / 4, "reviewed " + metric.learned() + ", learned " + learned);
                assertTrue(h.scores.readValuesToList().stream().anyMatch(ScoreRecord::anomaly), "the later drift is found");
            }
        }
    }

    @Test
    @DisplayName("a range whose last review block was a trend settles on the next two blocks that show the sensor's noise; their range replaces it only when less than a quarter as wide (a wandering series' calm spells are not its noise)")
    void aRangeLearnedFromTrendsSettlesOnItsNoise() {
        for (final double sigma : List.of(0.15, 0.6)) {
            try (TopologyHarness h = harness(Map.of(VigilConfig.WARMUP_READINGS, "50", VigilConfig.WARMUP_REVIEW_BLOCKS, "1"))) {
                h.sendSeries("probe-1", "temperature", ramp(50, 25, 30, 61)); // the warm-up and its review: drifts
                h.sendSeries("probe-1", "temperature", ramp(50, 25, 30, 62));
                final Normalisation learned = h.deviceStates().get("probe-1").metrics().get("temperature").learned();
                h.sendSeries("probe-1", "temperature", TopologyHarness.normal(50, 25, sigma, 63));
                h.sendSeries("probe-1", "temperature", ramp(50, 25, 30, 64));
                final var undecided = h.deviceStates().get("probe-1").metrics().get("temperature");
                assertEquals(learned, undecided.learned(), "one block of noise beside a trend decides nothing");
                assertFalse(undecided.reviewed(), "still settling (noise " + sigma + ")");
                assertEquals(0, undecided.warmup().length, "two blocks judged, then dropped");
                h.sendSeries("probe-1", "temperature", TopologyHarness.normal(100, 25, sigma, 65));
                final var settled = h.deviceStates().get("probe-1").metrics().get("temperature");
                assertTrue(settled.reviewed(), "two blocks of noise settle it (noise " + sigma + ")");
                if (sigma < 0.5) {
                    assertTrue(width(settled.learned()) < width(learned) / 4, settled.learned() + ", learned " + learned);
                } else {
                    assertEquals(learned, settled.learned(), "noise " + sigma + " is not a quarter of the trend's range");
                }
            }
        }
    }

    @Test
    @DisplayName("a review block of noise on one level outside the learned range moves the range there, however wide (a warm-up spent in a level shift); one that holds a shift for part of it does not")
    void aReviewBlockOutsideTheRangeMovesIt() {
        final List<Double> shiftedWarmup = new ArrayList<>(TopologyHarness.normal(6, 25, 0.15, 71));
        shiftedWarmup.addAll(TopologyHarness.normal(44, 35, 0.15, 72));
        try (TopologyHarness h = harness(Map.of(VigilConfig.WARMUP_READINGS, "50", VigilConfig.WARMUP_REVIEW_BLOCKS, "1"))) {
            h.sendSeries("probe-1", "temperature", shiftedWarmup);
            final Normalisation learned = h.deviceStates().get("probe-1").metrics().get("temperature").learned();
            assertTrue(learned.lo() > 25, "learned at the shifted level: " + learned);
            final List<Double> block = TopologyHarness.normal(50, 25, 0.15, 73);
            h.sendSeries("probe-1", "temperature", block);
            final var reviewed = h.deviceStates().get("probe-1").metrics().get("temperature");
            assertTrue(reviewed.reviewed());
            assertEquals(Normalisation.robust(block.stream().mapToDouble(Double::doubleValue).toArray(),
                    ScoringSettings.from(VigilConfig.of(Map.of()), scorer.metadata()).sigmas()), reviewed.learned(),
                    "the block's range replaces " + learned + " though about as wide");
        }
        final List<Double> mostlyShifted = new ArrayList<>(TopologyHarness.normal(10, 25, 0.15, 74));
        mostlyShifted.addAll(TopologyHarness.normal(40, 35, 0.15, 75));
        try (TopologyHarness h = harness(Map.of(VigilConfig.WARMUP_READINGS, "50", VigilConfig.WARMUP_REVIEW_BLOCKS, "1"))) {
            h.sendSeries("probe-1", "temperature", TopologyHarness.normal(50, 25, 0.15, 76));
            final Normalisation learned = h.deviceStates().get("probe-1").metrics().get("temperature").learned();
            h.sendSeries("probe-1", "temperature", mostlyShifted);
            assertEquals(learned, h.deviceStates().get("probe-1").metrics().get("temperature").learned(),
                    "a block whose last 40 readings are a level shift is not on one level: it moves nothing");
        }
        final List<Double> darkWithBursts = new ArrayList<>(java.util.Collections.nCopies(50, 0.0));
        final java.util.Random random = new java.util.Random(77);
        for (final int start : List.of(5, 30)) {
            for (int i = start; i < start + 9; i++) {
                darkWithBursts.set(i, 50 + 250 * random.nextDouble());
            }
        }
        try (TopologyHarness h = harness(Map.of(VigilConfig.WARMUP_READINGS, "50", VigilConfig.WARMUP_REVIEW_BLOCKS, "1"))) {
            h.sendSeries("probe-1", "temperature", java.util.Collections.nCopies(50, 0.0));
            final Normalisation learned = h.deviceStates().get("probe-1").metrics().get("temperature").learned();
            h.sendSeries("probe-1", "temperature", darkWithBursts);
            assertEquals(learned, h.deviceStates().get("probe-1").metrics().get("temperature").learned(),
                    "a dark sensor's block with two noise bursts: its median is 0, in the range, though most of its"
                            + " distinct values lie in the bursts");
        }
    }

    @Test
    @DisplayName("a review block in which a varying sensor was stuck reviews nothing: its spread is not the sensor's")
    void reviewSkipsABlockWithAStuckSensor() {
        // stuck for 40 readings; the range leaves repeats out, so the block's spread would come from 10 readings
        final List<Double> block = new ArrayList<>(java.util.Collections.nCopies(40, 25.0));
        block.addAll(TopologyHarness.normal(10, 25, 0.03, 42)); // that happen to lie close together
        try (TopologyHarness h = harness(Map.of(VigilConfig.WARMUP_READINGS, "50", VigilConfig.WARMUP_REVIEW_BLOCKS, "1"))) {
            h.sendSeries("probe-1", "temperature", TopologyHarness.normal(50, 25, 0.15, 41));
            final Normalisation learned = h.deviceStates().get("probe-1").metrics().get("temperature").learned();
            h.sendSeries("probe-1", "temperature", block);
            final var metric = h.deviceStates().get("probe-1").metrics().get("temperature");
            assertTrue(metric.reviewed());
            assertEquals(learned, metric.learned(), "the stuck block's near-zero spread does not replace the range");
            h.flush();
            assertEquals(List.of(PendingScore.STUCK), h.scores.readValuesToList().stream().filter(ScoreRecord::anomaly)
                    .map(ScoreRecord::detector).toList(), "only the stuck rule fires");
        }
    }

    @Test
    @DisplayName("a warm-up stuck for most of its readings leaves a range of a few values; the first review block that can tell replaces it")
    void stuckWarmupRangeIsReplaced() {
        final List<Double> warmup = new ArrayList<>(TopologyHarness.normal(5, 25, 0.15, 45));
        warmup.addAll(java.util.Collections.nCopies(40, 25.0));
        warmup.addAll(TopologyHarness.normal(5, 25, 0.15, 46));
        try (TopologyHarness h = harness(Map.of(VigilConfig.WARMUP_READINGS, "50", VigilConfig.WARMUP_REVIEW_BLOCKS, "1"))) {
            h.sendSeries("probe-1", "temperature", warmup);
            final var afterWarmup = h.deviceStates().get("probe-1").metrics().get("temperature");
            assertNull(afterWarmup.varies(), "40 of 50 readings stuck: the warm-up cannot tell whether it varies");
            final List<Double> block = TopologyHarness.normal(50, 25, 0.15, 47);
            h.sendSeries("probe-1", "temperature", block);
            final var reviewed = h.deviceStates().get("probe-1").metrics().get("temperature");
            assertEquals(Boolean.TRUE, reviewed.varies());
            assertEquals(Normalisation.robust(block.stream().mapToDouble(Double::doubleValue).toArray(),
                    ScoringSettings.from(VigilConfig.of(Map.of()), scorer.metadata()).sigmas()), reviewed.learned(),
                    "the block's range replaces the warm-up's, " + afterWarmup.learned());
        }
    }

    @Test
    @DisplayName("a stuck run that spills into the first review block that can tell: the block replaces the warm-up's range when the rest of it is the sensor's noise")
    void stuckRunSpillingIntoTheReview() {
        final List<Double> warmup = new ArrayList<>(TopologyHarness.normal(3, 25, 0.15, 54));
        warmup.addAll(java.util.Collections.nCopies(47, 25.0)); // stuck from the 4th reading
        final List<Double> block = new ArrayList<>(java.util.Collections.nCopies(11, 25.0)); // ... to the 61st
        block.addAll(TopologyHarness.normal(39, 25, 0.15, 55));
        final double[] values = block.stream().mapToDouble(Double::doubleValue).toArray();
        int changed = 0;
        for (int i = 1; i < values.length; i++) {
            changed += values[i] != values[i - 1] ? 1 : 0;
        }
        assertTrue(changed < 0.8 * (values.length - 1), "changed in " + changed + " of 49 pairs: not throughout");
        try (TopologyHarness h = harness(Map.of(VigilConfig.WARMUP_READINGS, "50", VigilConfig.WARMUP_REVIEW_BLOCKS, "1"))) {
            h.sendSeries("probe-1", "temperature", warmup);
            final var afterWarmup = h.deviceStates().get("probe-1").metrics().get("temperature");
            assertNull(afterWarmup.varies(), "47 of 50 readings stuck: the warm-up cannot tell whether it varies");
            h.sendSeries("probe-1", "temperature", block);
            final var reviewed = h.deviceStates().get("probe-1").metrics().get("temperature");
            assertEquals(Boolean.TRUE, reviewed.varies());
            assertEquals(Normalisation.robust(values, ScoringSettings.from(VigilConfig.of(Map.of()), scorer.metadata()).sigmas()),
                    reviewed.learned(), "the block's range replaces the warm-up's, " + afterWarmup.learned());
        }
    }

    @Test
    @DisplayName("a dark sensor's range at the floor settles on the first two later blocks that show its noise, not on an anomaly's")
    void aDarkSensorSettlesOnItsNoise() {
        final java.util.Random random = new java.util.Random(48);
        final List<Double> burst = new ArrayList<>(java.util.Collections.nCopies(50, 0.0)); // an episode of 10
        for (int i = 20; i < 30; i++) {
            burst.set(i, Math.max(0, 150 * random.nextGaussian()));
        }
        try (TopologyHarness h = harness(Map.of(VigilConfig.WARMUP_READINGS, "50", VigilConfig.WARMUP_REVIEW_BLOCKS, "1"))) {
            h.sendSeries("door-1", "light", java.util.Collections.nCopies(100, 0.0)); // warm-up and review: dark
            final double sigmas = ScoringSettings.from(VigilConfig.of(Map.of()), scorer.metadata()).sigmas();
            final Normalisation floor = light(h).learned();
            assertTrue(floor.atFloor(sigmas), floor.toString());
            assertFalse(light(h).reviewed(), "at the floor: not settled");
            h.sendSeries("door-1", "light", burst);
            h.sendSeries("door-1", "light", ramp(50, 0, 100, 49));
            assertEquals(floor, light(h).learned(), "a noise burst is an episode and a drift a trend, not its noise");
            assertEquals(0, light(h).warmup().length, "two blocks judged, then dropped");
            h.sendSeries("door-1", "light", burst);
            h.sendSeries("door-1", "light", dusk(random));
            assertEquals(floor, light(h).learned(), "one block of noise beside an anomaly's is not enough");
            h.sendSeries("door-1", "light", dusk(random));
            h.sendSeries("door-1", "light", dusk(random));
            final Normalisation dusk = light(h).learned();
            assertFalse(dusk.atFloor(sigmas), "readings off 0 lux all through two blocks: the range leaves the floor");
            assertFalse(light(h).reviewed(), "blocks resting at 0 lux half the time do not settle it");
            h.sendSeries("door-1", "light", TopologyHarness.normal(100, 20, 3, 50));
            assertTrue(width(light(h).learned()) > width(dusk), "the light came up: its whole noise, " + light(h).learned());
            assertTrue(light(h).reviewed(), "blocks clear of any bound settle the range");
            assertEquals(0, light(h).warmup().length, "no block values kept once settled");
            h.flush();
            h.scores.readValuesToList();
            h.sendSeries("door-1", "light", TopologyHarness.normal(40, 20, 3, 51));
            h.sendSeries("door-1", "light", List.of(250.0));
            h.flush();
            assertEquals(List.of(250.0), h.scores.readValuesToList().stream().filter(ScoreRecord::anomaly)
                    .map(ScoreRecord::value).toList(), "its noise passes, a spike is still found");
        }
    }

    @Test
    @DisplayName("a dim sensor judged constant for good (clipped at 0 lux through warm-up and review) still settles when its light comes up")
    void aDimSensorJudgedConstantSettles() {
        final java.util.Random random = new java.util.Random(52);
        try (TopologyHarness h = harness(Map.of(VigilConfig.WARMUP_READINGS, "50", VigilConfig.WARMUP_REVIEW_BLOCKS, "1"))) {
            h.sendSeries("door-1", "light", dusk(random));
            h.sendSeries("door-1", "light", dusk(random));
            assertEquals(Boolean.FALSE, light(h).varies(), "4 of 5 readings repeat 0 lux: judged constant, for good");
            assertFalse(light(h).reviewed(), "its last block rested at 0 lux: not settled");
            final Normalisation dim = light(h).learned();
            h.sendSeries("door-1", "light", TopologyHarness.normal(100, 20, 3, 53));
            assertTrue(width(light(h).learned()) > width(dim), "the light came up: its whole noise, " + light(h).learned());
            assertTrue(light(h).reviewed(), "blocks clear of any bound settle the range");
        }
    }

    /** A block of a light sensor at dusk: mostly 0 lux, every fifth reading the top of its noise. */
    private static List<Double> dusk(final java.util.Random random) {
        final List<Double> block = new ArrayList<>(java.util.Collections.nCopies(50, 0.0));
        for (int i = 2; i < 50; i += 5) {
            block.set(i, 0.5 + Math.abs(3 * random.nextGaussian()));
        }
        return block;
    }

    private static MetricState light(final TopologyHarness h) {
        return h.deviceStates().get("door-1").metrics().get("light");
    }

    @Test
    @DisplayName("a drift on a sensor that reads a constant does not become its range: the next drift is flagged too")
    void aDriftOnAConstantSensorIsNotLearned() {
        final List<Double> drift = java.util.stream.IntStream.range(0, 32).mapToObj(i -> 3.2 * i).toList();
        final List<Double> block = new ArrayList<>(java.util.Collections.nCopies(18, 0.0));
        block.addAll(drift);
        try (TopologyHarness h = harness(Map.of(VigilConfig.WARMUP_READINGS, "50", VigilConfig.WARMUP_REVIEW_BLOCKS, "1"))) {
            h.sendSeries("door-1", "light", java.util.Collections.nCopies(50, 0.0));
            h.sendSeries("door-1", "light", block);
            final var reviewed = h.deviceStates().get("door-1").metrics().get("light");
            assertFalse(reviewed.reviewed(), "a range at the floor is not settled (a drift does not show noise)");
            h.sendSeries("door-1", "light", java.util.Collections.nCopies(20, 0.0));
            h.flush();
            h.scores.readValuesToList();
            h.sendSeries("door-1", "light", drift.subList(0, 10));
            h.flush();
            final List<ScoreRecord> scores = h.scores.readValuesToList();
            assertTrue(scores.stream().anyMatch(ScoreRecord::anomaly),
                    "the second drift is flagged; range " + reviewed.learned());
            assertTrue(reviewed.learned().hi() - reviewed.learned().lo() < 1, "range " + reviewed.learned());
        }
    }

    @Test
    @DisplayName("a review block in which the sensor repeats half its values turns the stuck rule off: its runs are chance")
    void reviewTurnsTheStuckRuleOffForACoarseSensor() {
        // a sensor that reports in steps of 0.1 around 25.0: about half its consecutive readings repeat
        final List<Double> coarse = TopologyHarness.normal(50, 25, 0.05, 43).stream()
                .map(v -> Math.round(v * 10) / 10.0).toList();
        assertEquals(List.of(PendingScore.STUCK), stuckFlagsAfterRun(TopologyHarness.normal(50, 25, 0.15, 44)),
                "a varying review block keeps the rule: six identical readings are flagged at the fifth");
        assertEquals(List.of(), stuckFlagsAfterRun(coarse), "after a coarse review block, six identical "
                + "readings are not flagged");
    }

    /** The detectors that flag six identical readings sent after a warm-up of 50 varying readings and this block. */
    private List<String> stuckFlagsAfterRun(final List<Double> reviewBlock) {
        try (TopologyHarness h = harness(Map.of(VigilConfig.WARMUP_READINGS, "50", VigilConfig.WARMUP_REVIEW_BLOCKS, "1"))) {
            h.sendSeries("probe-1", "temperature", TopologyHarness.normal(50, 25, 0.15, 41));
            h.sendSeries("probe-1", "temperature", reviewBlock);
            assertTrue(h.deviceStates().get("probe-1").metrics().get("temperature").reviewed());
            h.flush();
            h.scores.readValuesToList();
            h.sendSeries("probe-1", "temperature", java.util.Collections.nCopies(6, 25.0));
            h.flush();
            return h.scores.readValuesToList().stream().filter(ScoreRecord::anomaly)
                    .map(ScoreRecord::detector).filter(PendingScore.STUCK::equals).toList();
        }
    }

    @Test
    @DisplayName("state.store=memory keeps device state in memory (still changelogged) and scores the same; memory is the default; anything else is refused")
    void stateStoreChoice() {
        final List<Double> series = new ArrayList<>(TopologyHarness.normal(WARMUP + 10, 25, 0.2, 31));
        series.set(WARMUP + 5, 41.0);
        final List<List<ScoreRecord>> scored = new ArrayList<>();
        for (final String store : List.of("rocksdb", "memory")) {
            try (TopologyHarness h = harness(Map.of(VigilConfig.STATE_STORE, store))) {
                assertEquals(store.equals("rocksdb"), h.deviceStates().persistent());
                h.sendSeries("probe-1", "temperature", series);
                h.flush();
                scored.add(h.scores.readValuesToList());
                assertEquals(series.size(), h.deviceStates().get("probe-1").messages());
            }
        }
        assertEquals(List.of(41.0), scored.get(1).stream().filter(ScoreRecord::anomaly).map(ScoreRecord::value).toList());
        assertEquals(scored.get(0), scored.get(1));
        try (TopologyHarness h = harness(Map.of())) {
            assertFalse(h.deviceStates().persistent(), "memory by default");
        }
        final IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> harness(Map.of(VigilConfig.STATE_STORE, "redis")));
        assertEquals("state.store must be rocksdb or memory, was 'redis'", e.getMessage());
    }

    /** {@code count} readings rising linearly from {@code from} to {@code to}, with noise of 0.15. */
    private static List<Double> ramp(final int count, final double from, final double to, final long seed) {
        final List<Double> noise = TopologyHarness.normal(count, 0, 0.15, seed);
        final List<Double> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(from + (to - from) * (i + 1) / count + noise.get(i));
        }
        return out;
    }

    private static double width(final Normalisation n) {
        return n.hi() - n.lo();
    }

    @Test
    @DisplayName("threshold overrides: global config, then the registry's device threshold, then its metric threshold")
    void thresholdOverrides() {
        try (TopologyHarness h = harness(Map.of("threshold", "0.000001"))) {
            h.sendSeries("a", "t", TopologyHarness.normal(WARMUP + 60, 25, 0.2, 4));
            h.devices.pipeInput("b", "{\"name\":\"B\",\"type\":\"probe\",\"threshold\":0.5}");
            h.sendSeries("b", "t", TopologyHarness.normal(WARMUP + 5, 25, 0.2, 4));
            h.devices.pipeInput("c", "{\"name\":\"C\",\"type\":\"probe\",\"threshold\":0.5,"
                    + "\"metrics\":{\"t\":{\"threshold\":0.25}}}");
            h.sendSeries("c", "t", TopologyHarness.normal(WARMUP + 5, 25, 0.2, 4));
            h.flush();
            final Map<String, List<ScoreRecord>> byDevice = new java.util.HashMap<>();
            h.scores.readValuesToList().forEach(s -> byDevice.computeIfAbsent(s.deviceId(), k -> new ArrayList<>()).add(s));
            assertTrue(byDevice.get("a").stream().allMatch(s -> s.threshold() == 0.000001),
                    "the global threshold applies to unregistered devices");
            assertTrue(byDevice.get("a").stream().anyMatch(ScoreRecord::anomaly), "a tiny threshold flags readings");
            assertTrue(byDevice.get("b").stream().allMatch(s -> s.threshold() == 0.5 && !s.anomaly()));
            assertTrue(byDevice.get("b").stream().allMatch(s -> "probe".equals(s.deviceType())), "registry join");
            assertTrue(byDevice.get("c").stream().allMatch(s -> s.threshold() == 0.25));
        }
    }

    @Test
    @DisplayName("an expected range in the registry replaces warm-up; a disabled metric is tracked but never scored")
    void registryRangeAndDisabled() {
        try (TopologyHarness h = harness(Map.of())) {
            h.devices.pipeInput("aq-1", "{\"name\":\"AQ\",\"type\":\"air-quality-monitor\",\"location\":\"lab\","
                    + "\"metrics\":{\"pm2_5\":{\"expectedRange\":{\"min\":0,\"max\":50}},\"pressure\":{\"enabled\":false}}}");
            h.sendSeries("aq-1", "pm2_5", TopologyHarness.normal(WINDOW, 10, 0.3, 5));
            h.sendSeries("aq-1", "pressure", TopologyHarness.normal(WARMUP + 10, 1013, 0.1, 6));
            h.flush();
            final List<ScoreRecord> scores = h.scores.readValuesToList();
            assertEquals(1, scores.size(), "scored as soon as the window is full");
            assertEquals("pm2_5", scores.get(0).metric());
            assertEquals(WARMUP + 10, h.deviceStates().get("aq-1").metrics().get("pressure").received());
        }
    }

    @Test
    @DisplayName("a compass heading registered with period 360 is unwrapped: wandering across 0°/360° is no anomaly, and scores carry the value as sent")
    void cyclicMetricIsUnwrapped() {
        // a heading resting at 359.8° with noise: about half the readings wrap to just above 0°
        final List<Double> heading = TopologyHarness.normal(WARMUP + 40, 359.8, 0.3, 8).stream()
                .map(v -> v % 360).toList();
        try (TopologyHarness h = harness(Map.of())) {
            h.devices.pipeInput("door-1", "{\"name\":\"Door\",\"type\":\"door-sensor\",\"location\":\"lab\","
                    + "\"metrics\":{\"orientation_alpha\":{\"period\":360}}}");
            h.sendSeries("door-1", "orientation_alpha", heading);
            h.sendSeries("door-2", "orientation_alpha", heading);
            h.flush();
            final List<ScoreRecord> scores = h.scores.readValuesToList();
            final List<ScoreRecord> registered = scores.stream().filter(s -> s.deviceId().equals("door-1")).toList();
            assertFalse(registered.isEmpty());
            assertTrue(registered.stream().noneMatch(ScoreRecord::anomaly), "unwrapped, the heading is steady");
            assertTrue(registered.stream().allMatch(s -> s.value() >= 0 && s.value() < 360), "values as sent");
            assertTrue(registered.stream().anyMatch(s -> s.value() < 1), "some readings were sent just above 0°");
            assertTrue(scores.stream().anyMatch(s -> s.deviceId().equals("door-2") && s.anomaly()),
                    "without a period the same readings jump by nearly 360°");
        }
        assertThrows(IllegalArgumentException.class, () -> new MetricSettings(null, null, null, 0.0));
    }

    @Test
    @DisplayName("a missing reading is imputed with the median of the metric's window, scored, and flagged as imputed")
    void imputation() {
        try (TopologyHarness h = harness(Map.of())) {
            final List<Double> values = new ArrayList<>(TopologyHarness.normal(WARMUP + 4, 25, 0.2, 7));
            values.add(null);
            h.sendSeries("probe-1", "temperature", values);
            h.flush();
            final List<ScoreRecord> scores = h.scores.readValuesToList();
            final ScoreRecord imputed = scores.get(scores.size() - 1);
            assertTrue(imputed.imputed());
            final double[] window = values.subList(values.size() - 1 - WINDOW, values.size() - 1).stream()
                    .mapToDouble(Double::doubleValue).sorted().toArray();
            assertEquals((window[WINDOW / 2 - 1] + window[WINDOW / 2]) / 2, imputed.value(), 1e-9);
            assertFalse(imputed.anomaly());
            assertTrue(scores.subList(0, scores.size() - 1).stream().noneMatch(ScoreRecord::imputed));
        }
    }

    @Test
    @DisplayName("micro-batching: a full batch is scored at once in one model call; the rest waits for the timer")
    void batchingBySizeAndTime() {
        try (TopologyHarness h = harness(Map.of("batch.max.size", "4", "batch.max.wait.ms", "20"))) {
            h.sendSeries("probe-1", "temperature", TopologyHarness.normal(WARMUP - 1, 25, 0.2, 8));
            scorer.reset();
            h.sendSeries("probe-1", "temperature", TopologyHarness.normal(3, 25, 0.2, 9));
            assertTrue(h.scores.isEmpty(), "3 pending readings must wait");
            h.sendSeries("probe-1", "temperature", TopologyHarness.normal(1, 25, 0.2, 10));
            assertEquals(4, h.scores.readValuesToList().size(), "the 4th reading fills the batch");
            assertEquals(List.of(4), scorer.batchSizes());

            h.sendSeries("probe-1", "temperature", TopologyHarness.normal(2, 25, 0.2, 11));
            assertTrue(h.scores.isEmpty());
            h.driver.advanceWallClockTime(java.time.Duration.ofMillis(19));
            assertTrue(h.scores.isEmpty(), "flushed before batch.max.wait.ms");
            h.driver.advanceWallClockTime(java.time.Duration.ofMillis(1));
            assertEquals(2, h.scores.readValuesToList().size(), "the timer flushes what is pending");
            assertEquals(List.of(4, 2), scorer.batchSizes());
        }
    }

    @Test
    @DisplayName("every score is kept in the score history by reading time; with history.retention.ms=0 there is no history store and the scores still reach their topic")
    void scoreHistoryKeptOrOff() {
        final List<Double> values = TopologyHarness.normal(WARMUP - 1 + 5, 25, 0.2, 3); // scored from the WARMUP-th
        try (TopologyHarness h = harness(Map.of())) {
            h.sendSeries("probe-1", "temperature", values);
            h.flush();
            final List<ScoreRecord> scores = h.scores.readValuesToList();
            assertEquals(5, scores.size());
            final List<ScoreRecord> kept = new ArrayList<>();
            try (WindowStoreIterator<ScoreRecord> it = h.driver.<String, ScoreRecord>getWindowStore(StoreNames.SCORE_HISTORY)
                    .fetch("probe-1", TopologyHarness.START.minusSeconds(20_000), TopologyHarness.START)) {
                it.forEachRemaining(entry -> kept.add(entry.value));
            }
            assertEquals(scores, kept, "the history holds the device's scores, oldest first");
        }
        try (TopologyHarness h = harness(Map.of(VigilConfig.HISTORY_RETENTION_MS, "0"))) {
            assertFalse(h.driver.getAllStateStores().containsKey(StoreNames.SCORE_HISTORY), "no history store");
            h.sendSeries("probe-1", "temperature", values);
            h.flush();
            assertEquals(5, h.scores.readValuesToList().size());
        }
        final IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> harness(Map.of(VigilConfig.HISTORY_RETENTION_MS, "-1")).close());
        assertTrue(negative.getMessage().contains("history.retention.ms"), negative.getMessage());
    }

    @Test
    @DisplayName("readings still queued when the task commits are in the pending-scores changelog; those scored between commits never are")
    void pendingReadingsReachTheChangelogAtCommit() {
        // the driver commits after every input record, as a task does at each commit.interval.ms
        try (TopologyHarness h = harness(Map.of("batch.max.size", "4"))) {
            final var changelog = h.driver.createOutputTopic(h.changelog(StoreNames.PENDING_SCORES),
                    new org.apache.kafka.common.serialization.LongDeserializer(), VigilSerdes.pendingScore().deserializer());
            h.sendSeries("probe-1", "temperature", TopologyHarness.normal(WARMUP - 1, 25, 0.2, 12));
            assertTrue(changelog.isEmpty(), "nothing queued yet");

            h.sendSeries("probe-1", "temperature", TopologyHarness.normal(3, 25, 0.2, 13));
            final var queued = changelog.readKeyValuesToList();
            assertEquals(List.of(0L, 1L, 2L), queued.stream().map(kv -> kv.key).toList());
            assertTrue(queued.stream().allMatch(kv -> kv.value != null && kv.value.deviceId().equals("probe-1")));

            h.sendSeries("probe-1", "temperature", TopologyHarness.normal(1, 25, 0.2, 14)); // fills the batch
            assertEquals(4, h.scores.readValuesToList().size());
            final var scored = changelog.readKeyValuesToList();
            assertEquals(List.of(0L, 1L, 2L), scored.stream().map(kv -> kv.key).toList(),
                    "tombstones for the three written readings; the fourth was scored before any commit");
            assertTrue(scored.stream().allMatch(kv -> kv.value == null));
        }
    }

}
