package dev.vigil.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.DoubleStream;

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
    @DisplayName("the robust range is median ± sigmas·Qn: one outlier barely moves it; a constant gets the floor")
    void robust() {
        final double[] values = {24.9, 25.1, 25.0, 24.8, 25.2, 25.0, 40.0};
        final Normalisation n = Normalisation.robust(values, 12);
        // median 25.0; 21 pairwise distances, the 6th smallest (h = 4, k = 6) is 0.1; Qn = 2.2191 · 0.857 · 0.1
        final double scale = 2.2191 * 0.857 * 0.1;
        assertEquals(25.0 - 12 * scale, n.lo(), 1e-9);
        assertEquals(25.0 + 12 * scale, n.hi(), 1e-9);
        final Normalisation flat = Normalisation.robust(new double[] {5, 5, 5, 5}, 12);
        assertEquals(5 - 12 * 0.005, flat.lo(), 1e-9);
        assertEquals(24.9, values[0], "the input is not reordered");
        final double[] stuck = {24.9, 25.1, 25.0, 25.0, 25.0, 25.0, 25.0, 25.0, 24.8, 25.2, 25.0};
        // repeats left out: 24.9, 25.1, 25.0, 24.8, 25.2, 25.0 -> median 25.0, Qn = 2.2191 · 0.611 · 0.1
        assertEquals(25.0 + 12 * 2.2191 * 0.611 * 0.1, Normalisation.robust(stuck, 12).hi(), 1e-9);
        assertEquals(40.0, values[6]);
    }

    @Test
    @DisplayName("a value repeated at the lowest or highest of a block is left out of the scale, unless too few would be left")
    void boundsLeftOutOfTheScale() {
        assertArrayEquals(new double[] {1, 2, 3}, Normalisation.withoutBounds(new double[] {0, 0, 0, 1, 2, 3, 5, 5}));
        assertArrayEquals(new double[] {0, 1, 2}, Normalisation.withoutBounds(new double[] {0, 1, 2}));
        assertArrayEquals(new double[] {0, 0, 1}, Normalisation.withoutBounds(new double[] {0, 0, 1}));
        assertArrayEquals(new double[] {4, 4}, Normalisation.withoutBounds(new double[] {4, 4}));
    }

    @Test
    @DisplayName("a sensor whose noise is clipped at a bound gets a scale from its noise, not from its readings at the bound")
    void clippedNoiseKeepsItsScale() {
        // a dim light sensor at 0 lux with 3 lux of noise, rounded like the simulator's: about half its readings are
        // 0, not in a row. With the zeros in its scale, Qn came out as low as 0.06 lux over these blocks (median 1.16)
        final Random random = new Random(23);
        final double[] scales = new double[200];
        for (int b = 0; b < scales.length; b++) {
            final double[] lux = DoubleStream.generate(() -> Math.round(Math.max(0, 3 * random.nextGaussian()) * 1000)
                    / 1000.0).limit(50).toArray();
            final Normalisation range = Normalisation.robust(lux, 12);
            scales[b] = (range.hi() - range.lo()) / 24;
        }
        Arrays.sort(scales);
        assertTrue(scales[0] > 0.8, "smallest scale " + scales[0]);
        assertTrue(scales[100] > 1.4, "median scale " + scales[100]);
    }

    @Test
    @DisplayName("Qn estimates the standard deviation of Gaussian noise, and varies less than the MAD over blocks of 50")
    void qnIsConsistentAndLessVariableThanTheMad() {
        final Random random = new Random(5);
        final int blocks = 400;
        final double[] qn = new double[blocks];
        final double[] mad = new double[blocks];
        for (int b = 0; b < blocks; b++) {
            final double[] noise = DoubleStream.generate(() -> 2.0 * random.nextGaussian()).limit(50).toArray();
            qn[b] = Normalisation.qn(noise);
            mad[b] = 1.4826 * Normalisation.median(deviations(noise));
        }
        assertEquals(2.0, mean(qn), 0.05, "Qn is scaled to the standard deviation");
        assertTrue(spread(qn) < 0.8 * spread(mad), () -> "Qn " + spread(qn) + " vs MAD " + spread(mad));
        assertEquals(0.0, Normalisation.qn(new double[] {3.0}));
    }

    @Test
    @DisplayName("Qn's k-th smallest distance equals the one found by listing and sorting every pairwise distance")
    void smallestDistanceMatchesTheNaiveOne() {
        final Random random = new Random(9);
        for (int n = 2; n <= 60; n++) {
            for (final double step : new double[] {0, 0.1, 1}) {
                final double[] values = new double[n];
                for (int i = 0; i < n; i++) {
                    final double v = 25 + random.nextGaussian();
                    values[i] = step == 0 ? v : Math.round(v / step) * step; // rounded: many ties
                }
                final double[] distances = new double[n * (n - 1) / 2];
                int d = 0;
                for (int i = 0; i < n; i++) {
                    for (int j = i + 1; j < n; j++) {
                        distances[d++] = Math.abs(values[i] - values[j]);
                    }
                }
                Arrays.sort(distances);
                final double[] sorted = values.clone();
                Arrays.sort(sorted);
                for (final int k : new int[] {1, (n / 2 + 1) * (n / 2) / 2, distances.length}) {
                    assertEquals(distances[k - 1], Normalisation.smallestDistance(sorted, k), 1e-12,
                            "n " + n + ", step " + step + ", k " + k);
                }
            }
        }
    }

    private static double[] deviations(final double[] values) {
        final double median = Normalisation.median(values);
        return Arrays.stream(values).map(v -> Math.abs(v - median)).toArray();
    }

    private static double mean(final double[] values) {
        return Arrays.stream(values).average().orElseThrow();
    }

    private static double spread(final double[] values) {
        final double mean = mean(values);
        return Math.sqrt(Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum() / values.length);
    }
}
