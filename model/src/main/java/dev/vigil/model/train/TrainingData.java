package dev.vigil.model.train;

import dev.vigil.model.Normalisation;
import dev.vigil.simulator.Fleet;
import dev.vigil.simulator.FleetGenerator;
import dev.vigil.simulator.Sample;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Normal windows to train on, normalised exactly as the streaming app normalises them: the range is learned
 * from the first {@code warmup} readings of each series ({@link Normalisation#learned}), then every window of
 * W consecutive later readings is scaled by it.
 */
public final class TrainingData {

    private TrainingData() {
    }

    /** Normal (anomaly-free) data from the simulator's fleets, one series per (device, metric). */
    public static List<float[]> fromSimulator(final long seed, final int devicesPerFleet, final int steps,
            final Duration step, final int windowSize, final int warmup, final double sigmas) {
        final Map<Fleet, Integer> fleets = new LinkedHashMap<>();
        // the fleets the default model was trained on; door sensors are not in its training data
        for (final Fleet fleet : List.of(Fleet.temperatureProbes(), Fleet.airQualityMonitors())) {
            fleets.put(fleet, devicesPerFleet);
        }
        final FleetGenerator generator = new FleetGenerator(fleets, seed, 0.0);
        final Map<String, List<Double>> series = new LinkedHashMap<>();
        Instant time = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < steps; i++) {
            for (final Sample sample : generator.tick(time)) {
                sample.readings().forEach((metric, value) -> {
                    if (value != null) {
                        series.computeIfAbsent(sample.deviceId() + "/" + metric, k -> new ArrayList<>()).add(value);
                    }
                });
            }
            time = time.plus(step);
        }
        final List<float[]> windows = new ArrayList<>();
        for (final List<Double> values : series.values()) {
            windows.addAll(fromSeries(values.stream().mapToDouble(Double::doubleValue).toArray(),
                    windowSize, warmup, sigmas));
        }
        return windows;
    }

    /** Windows of one series: the first {@code warmup} values learn the normalisation, the rest are windowed. */
    public static List<float[]> fromSeries(final double[] values, final int windowSize, final int warmup,
            final double sigmas) {
        if (values.length < warmup + windowSize) {
            throw new IllegalArgumentException("a series needs at least warmup + window = "
                    + (warmup + windowSize) + " values, has " + values.length);
        }
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < warmup; i++) {
            sum += values[i];
            sumSq += values[i] * values[i];
        }
        final double mean = sum / warmup;
        final double std = Math.sqrt(Math.max(0, sumSq / warmup - mean * mean));
        final Normalisation normalisation = Normalisation.learned(mean, std, sigmas);
        final List<float[]> windows = new ArrayList<>();
        for (int end = warmup + windowSize; end <= values.length; end++) {
            final float[] window = new float[windowSize];
            for (int i = 0; i < windowSize; i++) {
                window[i] = (float) normalisation.apply(values[end - windowSize + i]);
            }
            windows.add(window);
        }
        return windows;
    }

    /** The values of a NAB-format CSV ({@code timestamp,value} with a header line). */
    public static double[] readCsv(final Path csv) {
        try {
            final List<String> lines = Files.readAllLines(csv);
            return lines.stream().skip(1).filter(line -> !line.isBlank())
                    .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(',') + 1).trim()))
                    .toArray();
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot read " + csv, e);
        }
    }
}
