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
}
