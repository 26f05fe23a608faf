package dev.vigil.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ErrorPeakTest {

    private static final int READINGS = 96;
    private static final int CALM = 16;

    @Test
    @DisplayName("a peak gates errors up to its own for the next n readings, not a larger one, and not after n")
    void gates() {
        final ErrorPeak peak = new ErrorPeak(0.05, 100, 190);
        assertTrue(peak.gates(0.02, 101, READINGS, CALM));
        assertTrue(peak.gates(0.05, 196, READINGS, CALM), "equal, and the n-th reading after it");
        assertFalse(peak.gates(0.0501, 150, READINGS, CALM), "a larger error is news");
        assertFalse(peak.gates(0.02, 197, READINGS, CALM), "aged out");
        assertFalse(peak.gates(0.02, 100, READINGS, CALM), "not its own reading");
    }

    @Test
    @DisplayName("a calm window (W readings in a row with none the model would flag) ends the peak")
    void calmWindowEndsIt() {
        final ErrorPeak peak = new ErrorPeak(0.05, 100, 120);
        assertTrue(peak.gates(0.02, 136, READINGS, CALM), "15 calm readings since the last reading the model would flag");
        assertFalse(peak.gates(0.02, 137, READINGS, CALM), "16");
        assertEquals(new ErrorPeak(0.02, 137, 137), ErrorPeak.after(peak, 0.02, 137, READINGS, CALM));
    }

    @Test
    @DisplayName("a larger error replaces the peak at once, a smaller one only once the peak has aged out; each moves the last culprit")
    void after() {
        final ErrorPeak first = ErrorPeak.after(null, 0.05, 100, READINGS, CALM);
        assertEquals(new ErrorPeak(0.05, 100, 100), first);
        final ErrorPeak smaller = ErrorPeak.after(first, 0.03, 110, READINGS, CALM);
        assertEquals(new ErrorPeak(0.05, 100, 110), smaller);
        assertEquals(new ErrorPeak(0.08, 120, 120), ErrorPeak.after(smaller, 0.08, 120, READINGS, CALM));
        final ErrorPeak chain = ErrorPeak.after(ErrorPeak.after(smaller, 0.03, 125, READINGS, CALM), 0.03, 140,
                READINGS, CALM);
        assertEquals(new ErrorPeak(0.05, 100, 140), chain, "culprits every 15 readings keep it");
        assertEquals(new ErrorPeak(0.03, 197, 197), ErrorPeak.after(new ErrorPeak(0.05, 100, 190), 0.03, 197,
                READINGS, CALM), "the peak aged out");
    }
}
