package dev.vigil.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.vigil.evaluate.NabScoring.Profile;
import dev.vigil.evaluate.NabScoring.Result;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * NAB's rules on a file of 100 rows (probation: the first 15) with one window over rows 40-59 (width 20). The
 * expected values are worked out by hand from NAB's sweeper formulas.
 */
class NabScoringTest {

    private static final Instant T0 = Instant.parse("2014-01-01T00:00:00Z");
    private static final List<Instant> TIMES = times(100);
    private static final List<NabScoring.Window> WINDOW = List.of(new NabScoring.Window(at(40), at(59)));

    private static List<Instant> times(final int n) {
        final List<Instant> t = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            t.add(T0.plus(Duration.ofMinutes(5L * i)));
        }
        return t;
    }

    private static Instant at(final int row) {
        return T0.plus(Duration.ofMinutes(5L * row));
    }

    private static Result score(final Profile profile, final int... rows) {
        final boolean[] detected = new boolean[TIMES.size()];
        for (final int r : rows) {
            detected[r] = true;
        }
        return NabScoring.score(TIMES, detected, WINDOW, profile);
    }

    @Test
    @DisplayName("nothing detected scores 0, a detection at the window's left edge scores 100")
    void nullAndPerfect() {
        assertEquals(0.0, score(Profile.STANDARD).normalised(), 1e-9);
        assertEquals(-1.0, score(Profile.STANDARD).raw(), 1e-9);
        assertEquals(100.0, score(Profile.STANDARD, 40).normalised(), 1e-9);
        assertEquals(100.0, score(Profile.REWARD_LOW_FN, 40).normalised(), 1e-9);
        assertNull(score(Profile.STANDARD).firstDetections().get(0));
    }

    @Test
    @DisplayName("only the first detection in a window counts; a late one earns less (right edge: S(-0.05)/S(-1))")
    void positionInWindow() {
        final double rightEdge = (2 / (1 + Math.exp(-0.25)) - 1) / (2 / (1 + Math.exp(-5)) - 1);
        assertEquals(0.12604, rightEdge, 1e-5); // 0.12435 / 0.98661
        final Result late = score(Profile.STANDARD, 59);
        assertEquals(rightEdge, late.raw(), 1e-9);
        assertEquals(100 * (rightEdge + 1) / 2, late.normalised(), 1e-9);
        assertEquals(1.0, score(Profile.STANDARD, 40, 45, 59).raw(), 1e-9, "the earliest detection counts");
        assertEquals(at(40), score(Profile.STANDARD, 40, 45).firstDetections().get(0));
        assertEquals(1, score(Profile.STANDARD, 45).windowsDetected());
    }

    @Test
    @DisplayName("false alarms: full cost before the first window, less right after a window; none in probation")
    void falseAlarms() {
        assertEquals(-1.11, score(Profile.STANDARD, 20).raw(), 1e-9);
        assertEquals(-1.22, score(Profile.REWARD_LOW_FP, 20).raw(), 1e-9);
        assertEquals(-2.11, score(Profile.REWARD_LOW_FN, 20).raw(), 1e-9);
        final double justAfter = (2 / (1 + Math.exp(5 * (1 / 19.0))) - 1) * 0.11;
        assertEquals(1.0 + justAfter, score(Profile.STANDARD, 40, 60).raw(), 1e-9);
        assertEquals(1, score(Profile.STANDARD, 40, 60).falsePositives());
        assertEquals(-1.0, score(Profile.STANDARD, 10).raw(), 1e-9, "row 10 is in the probationary period");
        assertEquals(-5.5, score(Profile.STANDARD, 20).normalised(), 1e-9);
    }

    @Test
    @DisplayName("placement, as the scoring counts it: probationary rows, the window's rows (edges included), false alarms")
    void placement() {
        assertEquals("probationary", NabScoring.placement(TIMES, WINDOW, 14));
        assertEquals("false alarm", NabScoring.placement(TIMES, WINDOW, 15));
        assertEquals("window 1", NabScoring.placement(TIMES, WINDOW, 40));
        assertEquals("window 1", NabScoring.placement(TIMES, WINDOW, 59));
        assertEquals("false alarm", NabScoring.placement(TIMES, WINDOW, 60));
        assertEquals(1, score(Profile.STANDARD, 60).falsePositives(), "the scoring agrees on row 60");
        assertEquals(0, score(Profile.STANDARD, 14).falsePositives(), "and on row 14");
    }

    @Test
    @DisplayName("the probationary period is 15% of the rows, at most 750")
    void probation() {
        assertEquals(15, NabScoring.probationaryLength(100));
        assertEquals(750, NabScoring.probationaryLength(22_695));
    }
}
