package dev.vigil.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NormalisationTest {

    @Test
    @DisplayName("a learned range is mean ± sigmas·std and maps it onto [0, 1]")
    void learned() {
        final Normalisation n = Normalisation.learned(25.0, 0.5, 12);
        assertEquals(19.0, n.lo(), 1e-12);
        assertEquals(31.0, n.hi(), 1e-12);
        assertEquals(0.5, n.apply(25.0), 1e-12);
        assertEquals(31.0, n.invert(1.0), 1e-12);
    }

    @Test
    @DisplayName("a flat warm-up gets a floor on its std instead of an empty range")
    void flatWarmup() {
        final Normalisation n = Normalisation.learned(1000.0, 0.0, 12);
        assertEquals(1000.0 - 12.0, n.lo(), 1e-9);
        final Normalisation zero = Normalisation.learned(0.0, 0.0, 12);
        assertEquals(-12e-6, zero.lo(), 1e-15);
    }

    @Test
    @DisplayName("an empty or non-finite range is refused")
    void invalid() {
        assertThrows(IllegalArgumentException.class, () -> new Normalisation(1, 1));
        assertThrows(IllegalArgumentException.class, () -> new Normalisation(0, Double.NaN));
    }

    @Test
    @DisplayName("the robust range is median ± sigmas·1.4826·MAD: one outlier barely moves it; a constant gets the floor")
    void robust() {
        final double[] values = {24.9, 25.1, 25.0, 24.8, 25.2, 25.0, 40.0};
        final Normalisation n = Normalisation.robust(values, 12);
        // median 25.0; deviations 0.1,0.1,0,0.2,0.2,0,15 -> MAD 0.1
        assertEquals(25.0 - 12 * 0.14826, n.lo(), 1e-9);
        assertEquals(25.0 + 12 * 0.14826, n.hi(), 1e-9);
        final Normalisation flat = Normalisation.robust(new double[] {5, 5, 5, 5}, 12);
        assertEquals(5 - 12 * 0.005, flat.lo(), 1e-9);
        assertEquals(24.9, values[0], "the input is not reordered");
        final double[] stuck = {24.9, 25.1, 25.0, 25.0, 25.0, 25.0, 25.0, 25.0, 24.8, 25.2, 25.0};
        // repeats left out: 24.9, 25.1, 25.0, 24.8, 25.2, 25.0 -> median 25.0, MAD 0.1 (all repeats: MAD 0)
        assertEquals(25.0 + 12 * 0.14826, Normalisation.robust(stuck, 12).hi(), 1e-9);
        assertEquals(40.0, values[6]);
    }
}
