package dev.vigil.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ErrorPeakTest {

    private static final int READINGS = 96;

    @Test
    @DisplayName("a peak gates errors up to its own for the next n readings, not a larger one, and not after n")
    void gates() {
        final ErrorPeak peak = new ErrorPeak(0.05, 100);
        assertTrue(peak.gates(0.02, 101, READINGS));
        assertTrue(peak.gates(0.05, 196, READINGS), "equal, and the n-th reading after it");
        assertFalse(peak.gates(0.0501, 150, READINGS), "a larger error is news");
        assertFalse(peak.gates(0.02, 197, READINGS), "aged out");
        assertFalse(peak.gates(0.02, 100, READINGS), "not its own reading");
    }

    @Test
    @DisplayName("a larger error replaces the peak at once, a smaller one only once the peak has aged out")
    void after() {
        final ErrorPeak first = ErrorPeak.after(null, 0.05, 100, READINGS);
        assertEquals(new ErrorPeak(0.05, 100), first);
        assertSame(first, ErrorPeak.after(first, 0.03, 150, READINGS), "smaller, while the peak is live");
        assertEquals(new ErrorPeak(0.08, 150), ErrorPeak.after(first, 0.08, 150, READINGS));
        assertEquals(new ErrorPeak(0.03, 197), ErrorPeak.after(first, 0.03, 197, READINGS), "the peak aged out");
    }
}
