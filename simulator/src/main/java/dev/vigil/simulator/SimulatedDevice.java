package dev.vigil.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** One device of a fleet with its own offsets, phases and random stream, so its output depends only on the seed. */
final class SimulatedDevice {

    private static final double SECONDS_PER_DAY = 86_400.0;

    private final String id;
    private final Fleet fleet;
    private final Random random;
    private final double[] offsets;
    private final double[] phases;

    SimulatedDevice(final String id, final Fleet fleet, final long seed) {
        this.id = id;
        this.fleet = fleet;
        this.random = new Random(seed);
        final int metrics = fleet.metrics().size();
        this.offsets = new double[metrics];
        this.phases = new double[metrics];
        for (int i = 0; i < metrics; i++) {
            offsets[i] = (random.nextDouble() * 2 - 1) * fleet.metrics().get(i).deviceSpread();
            phases[i] = random.nextDouble() * 2 * Math.PI;
        }
    }

    String id() {
        return id;
    }

    Fleet fleet() {
        return fleet;
    }

    /** The next message at {@code time}; each metric is spiked with probability {@code anomalyRate}. */
    Sample next(final Instant time, final double anomalyRate) {
        final Map<String, Double> readings = new LinkedHashMap<>();
        final List<Label> labels = new ArrayList<>();
        for (int i = 0; i < fleet.metrics().size(); i++) {
            final MetricProfile metric = fleet.metrics().get(i);
            final double normal = normalValue(i, metric, time);
            if (anomalyRate > 0 && random.nextDouble() < anomalyRate) {
                readings.put(metric.name(), spike(metric));
                labels.add(new Label(id, metric.name(), AnomalyKind.SPIKE, time, time));
            } else if (metric.missingRate() > 0 && random.nextDouble() < metric.missingRate()) {
                readings.put(metric.name(), null);
            } else {
                readings.put(metric.name(), normal);
            }
        }
        return new Sample(id, time, readings, List.copyOf(labels));
    }

    private double normalValue(final int index, final MetricProfile metric, final Instant time) {
        final double dayFraction = (time.getEpochSecond() % 86_400L + time.getNano() / 1e9) / SECONDS_PER_DAY;
        final double cycle = metric.dailyAmplitude() * Math.sin(2 * Math.PI * dayFraction + phases[index]);
        return round(metric.base() + offsets[index] + cycle + metric.noise() * random.nextGaussian());
    }

    private double spike(final MetricProfile metric) {
        return round(metric.spikeLow() + random.nextDouble() * (metric.spikeHigh() - metric.spikeLow()));
    }

    private static double round(final double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }
}
