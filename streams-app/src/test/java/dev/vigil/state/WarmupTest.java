package dev.vigil.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WarmupTest {

    @Test
    @DisplayName("a metric varies when its values change, runs as long as the stuck rule's left out")
    void changedFraction() {
        assertEquals(1.0, DeviceStateUpdater.changedFraction(new double[] {1, 2, 3, 4, 5}, 5));
        assertTrue(Double.isNaN(DeviceStateUpdater.changedFraction(new double[] {5, 5, 5, 5, 5}, 5)),
                "a constant sensor: nothing left to judge");
        assertTrue(Double.isNaN(DeviceStateUpdater.changedFraction(new double[] {1, 2, 3, 3, 3, 3, 3, 3, 4}, 5)),
                "stuck for most of the block: too little left to judge (3 pairs of 8)");
        assertEquals(1.0, DeviceStateUpdater.changedFraction(new double[] {1, 2, 3, 3, 3, 3, 3, 4, 5}, 5),
                "stuck for a while, varying otherwise");
        assertEquals(1.0, DeviceStateUpdater.changedFraction(
                new double[] {1, 2, 2, 2, 2, 2, 3, 4, 5, 6, 7, 7, 7, 7, 7, 8, 9, 10, 11, 12}, 5),
                "stuck twice, varying otherwise (11 changes in the 11 pairs left of 19)");
        assertEquals(0.5, DeviceStateUpdater.changedFraction(new double[] {1, 1, 2, 2, 3, 3, 4}, 5), 1e-9,
                "a coarse sensor: 3 changes in 6 pairs, below the 0.8 that makes it varying");
        assertEquals(5 / 7.0, DeviceStateUpdater.changedFraction(new double[] {1, 1, 2, 3, 3, 3, 4, 4, 5, 6}, 3), 1e-9,
                "the run of three 3s is left out with runs of 3: 5 changes in 7 pairs");
    }
}
