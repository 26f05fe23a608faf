package dev.vigil.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.simulator.AnomalyKind;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SeedPoolingTest {

    private static Evaluations.SimulatorResult result(final String fleet, final AnomalyKind kind, final int events,
            final int detected, final int alarms, final int trueAlarms) {
        return new Evaluations.SimulatorResult(fleet, kind, 1000,
                new EventMatching.Counts(events, detected, alarms, trueAlarms, alarms, trueAlarms, List.of(), List.of()),
                Evaluations.Trace.NONE);
    }

    /** One seed's results: normal data, then drifts, on one fleet. */
    private static List<Evaluations.SimulatorResult> seed(final int falseAlarmsOnNormalData, final int events,
            final int detected, final int alarms, final int trueAlarms) {
        return List.of(result("door-sensor", null, 0, 0, falseAlarmsOnNormalData, 0),
                result("door-sensor", AnomalyKind.DRIFT, events, detected, alarms, trueAlarms));
    }

    @Test
    @DisplayName("the seeds' counts add up per fleet and kind, in the order of the first seed")
    void countsAddUp() {
        final List<SeedPooling.Pooled> pooled = SeedPooling.pool(List.of(seed(1, 100, 97, 200, 190),
                seed(0, 120, 110, 230, 229), seed(2, 80, 80, 150, 150)), 0.95);
        assertEquals(2, pooled.size());
        assertEquals(null, pooled.get(0).kind(), "normal data first, as the runs came");
        assertEquals(3, pooled.get(0).counts().alarms(), "false alarms on normal data: 1 + 0 + 2");
        final SeedPooling.Pooled drift = pooled.get(1);
        assertEquals(AnomalyKind.DRIFT, drift.kind());
        assertEquals(3, drift.seeds());
        assertEquals(300, drift.counts().events());
        assertEquals(287, drift.counts().eventsDetected());
        assertEquals(580, drift.counts().alarms());
        assertEquals(569, drift.counts().trueAlarms());
        assertEquals(287 / 300.0, drift.counts().recall(), 1e-12, "pooled: events over all seeds, not a mean of ratios");
        assertEquals(1, drift.seedsBelow(), "the second seed's recall, 0.917; the first's precision is 0.950, the goal");
    }

    @Test
    @DisplayName("a seed counts as below the goal when its recall or its precision is, not when both meet it")
    void seedsBelowTheGoal() {
        final List<SeedPooling.Pooled> pooled = SeedPooling.pool(List.of(
                seed(0, 100, 95, 100, 95), // both exactly at the goal
                seed(0, 100, 94, 100, 100), // recall below
                seed(0, 100, 100, 100, 94)), 0.95); // precision below
        assertEquals(2, pooled.get(1).seedsBelow());
        assertEquals(0, pooled.get(0).seedsBelow(), "no events and no alarms: both figures are 1");
    }

    @Test
    @DisplayName("the interval holds the pooled figure, is a point when every seed has the same figure, and repeats")
    void interval() {
        final List<List<Evaluations.SimulatorResult>> same = List.of(seed(0, 100, 90, 50, 45), seed(0, 200, 180, 100, 90),
                seed(0, 50, 45, 10, 9));
        final SeedPooling.Pooled fixed = SeedPooling.pool(same, 0.95).get(1);
        assertEquals(0.9, fixed.recall().low(), 1e-12);
        assertEquals(0.9, fixed.recall().high(), 1e-12);
        final List<List<Evaluations.SimulatorResult>> spread = List.of(seed(0, 100, 99, 100, 100),
                seed(0, 100, 90, 100, 80), seed(0, 100, 95, 100, 97), seed(0, 100, 97, 100, 99));
        final SeedPooling.Pooled varied = SeedPooling.pool(spread, 0.95).get(1);
        assertTrue(varied.recall().low() < varied.counts().recall() && varied.counts().recall() < varied.recall().high(),
                varied.toString());
        assertTrue(varied.precision().low() < varied.counts().precision()
                && varied.counts().precision() < varied.precision().high(), varied.toString());
        assertTrue(varied.recall().low() >= 0.90 && varied.recall().high() <= 0.99,
                "within the lowest and highest seed: " + varied.recall());
        assertEquals(varied, SeedPooling.pool(spread, 0.95).get(1), "the same results, the same interval");
    }

    @Test
    @DisplayName("seeds that did not run the same fleets and kinds are not pooled")
    void mismatchedSeeds() {
        final List<Evaluations.SimulatorResult> other = List.of(result("door-sensor", null, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> SeedPooling.pool(List.of(seed(0, 1, 1, 1, 1), other), 0.95));
        assertThrows(IllegalArgumentException.class, () -> SeedPooling.pool(List.of(), 0.95));
    }

    @Test
    @DisplayName("the pooled table prints each figure with its interval and the seeds below the goal")
    void printed() {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        EvaluateMain.printPooled(SeedPooling.pool(List.of(seed(1, 100, 100, 100, 100), seed(0, 100, 100, 100, 100)),
                0.95), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        final List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(4, lines.size(), lines::toString);
        assertEquals("| door-sensor | none | 2 | 0 | 0 | 1.000 (1.000-1.000) | 1 | 0 | 0.000 (0.000-1.000) | 1 |", lines.get(2));
        assertEquals("| door-sensor | drift | 2 | 200 | 200 | 1.000 (1.000-1.000) | 200 | 200 | 1.000 (1.000-1.000) | 0 |",
                lines.get(3));
    }
}
