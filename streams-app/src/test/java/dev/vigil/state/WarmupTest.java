package dev.vigil.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WarmupTest {

    @Test
    @DisplayName("a metric varies when its warm-up values change, the longest run of one value left out")
    void changedFraction() {
        assertEquals(1.0, DeviceStateUpdater.changedFraction(new double[] {1, 2, 3, 4, 5}));
        assertEquals(0.0, DeviceStateUpdater.changedFraction(new double[] {5, 5, 5, 5, 5}), "a constant sensor");
        assertEquals(1.0, DeviceStateUpdater.changedFraction(new double[] {1, 2, 3, 3, 3, 3, 3, 4, 5}),
                "stuck for a while during warm-up, varying otherwise");
        assertEquals(0.6, DeviceStateUpdater.changedFraction(new double[] {1, 1, 2, 2, 3, 3, 4}), 1e-9,
                "a coarse sensor: 3 changes in 5 pairs, below the 0.8 that makes it varying");
    }
}
