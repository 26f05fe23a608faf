package dev.vigil.simulator;

import java.util.List;

/**
 * A burst that is normal for a fleet, such as a door opening: it starts with probability {@code rate} per
 * message, lasts {@code minReadings}..{@code maxReadings} messages and moves some metrics along a shape. It is
 * not an anomaly and is not labelled.
 */
public record NormalBurst(String name, double rate, int minReadings, int maxReadings, List<Shape> shapes) {

    /**
     * How one metric moves during the burst: {@code amplitude * sin(π k / n)} (half wave: out and back, like a
     * door's angle) or {@code amplitude * sin(2π k / n)} (full wave: push then brake, like its acceleration).
     */
    public record Shape(String metric, double amplitude, boolean fullWave) {

        double at(final int step, final int length) {
            final double phase = (step + 1) / (double) (length + 1);
            return amplitude * Math.sin((fullWave ? 2 : 1) * Math.PI * phase);
        }
    }

    public NormalBurst {
        if (rate < 0 || rate > 1 || minReadings < 1 || maxReadings < minReadings) {
            throw new IllegalArgumentException("invalid burst " + name);
        }
        shapes = List.copyOf(shapes);
    }
}
