package dev.vigil.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One device of a fleet with its own offsets, phases and random stream, so its output depends only on the seed
 * and the times it is asked for. It carries at most one injected anomaly per metric, an optional normal burst,
 * and what commands changed (offline, its own interval).
 */
final class SimulatedDevice {

    private static final double SECONDS_PER_DAY = 86_400.0;

    private final String id;
    private final Fleet fleet;
    private final Random random;
    private final double[] offsets;
    private final double[] phases;
    private final double[] lastNormal;
    private final ActiveAnomaly[] anomalies;
    private final List<Label> finished = new ArrayList<>();
    private int burstStep = -1;
    private int burstLength;
    private Instant lastSent;
    private boolean offline;
    private Duration interval;

    SimulatedDevice(final String id, final Fleet fleet, final long seed) {
        this.id = id;
        this.fleet = fleet;
        this.random = new Random(seed);
        final int metrics = fleet.metrics().size();
        this.offsets = new double[metrics];
        this.phases = new double[metrics];
        this.lastNormal = new double[metrics];
        this.anomalies = new ActiveAnomaly[metrics];
        for (int i = 0; i < metrics; i++) {
            offsets[i] = (random.nextDouble() * 2 - 1) * fleet.metrics().get(i).deviceSpread();
            phases[i] = random.nextDouble() * 2 * Math.PI;
            lastNormal[i] = fleet.metrics().get(i).base() + offsets[i];
        }
    }

    String id() {
        return id;
    }

    Fleet fleet() {
        return fleet;
    }

    /**
     * The next message at {@code time}: each metric without an anomaly starts one with probability
     * {@code anomalyRate}, of a kind drawn from {@code kinds}. Labels of anomalies that ended with this message
     * ride along in {@link Sample#labels()}.
     */
    Sample next(final Instant time, final double anomalyRate, final List<AnomalyKind> kinds) {
        final Map<String, Double> readings = new LinkedHashMap<>();
        final double[] burst = burstOffsets();
        for (int i = 0; i < fleet.metrics().size(); i++) {
            final MetricProfile metric = fleet.metrics().get(i);
            final double normal = metric.bound(normalValue(i, metric, time) + burst[i]);
            if (anomalies[i] == null && anomalyRate > 0 && !kinds.isEmpty() && fleet.takesAnomalies(metric.name())
                    && random.nextDouble() < anomalyRate) {
                start(i, kinds.get(random.nextInt(kinds.size())), 0, time);
            }
            if (anomalies[i] != null) {
                readings.put(metric.name(), anomalous(i, metric, normal, time));
            } else if (metric.missingRate() > 0 && random.nextDouble() < metric.missingRate()) {
                readings.put(metric.name(), null);
            } else {
                lastNormal[i] = normal;
                readings.put(metric.name(), round(normal));
            }
        }
        lastSent = time;
        final List<Label> labels = List.copyOf(finished);
        finished.clear();
        return new Sample(id, time, readings, labels);
    }

    /**
     * Starts an anomaly of {@code kind} on {@code metric} with the next message; {@code readings} 0 draws its
     * length. A metric that already has one is refused.
     */
    void inject(final AnomalyKind kind, final String metric, final int readings) {
        final int index = fleet.metrics().indexOf(fleet.metric(metric));
        if (anomalies[index] != null) {
            throw new IllegalStateException(metric + " already has a " + anomalies[index].kind.wireName() + " anomaly");
        }
        start(index, kind, readings, null);
    }

    /** Ends every anomaly and burst now (their labels end at the last message sent) and undoes commands. */
    void reset() {
        for (int i = 0; i < anomalies.length; i++) {
            if (anomalies[i] != null && anomalies[i].start != null && anomalies[i].visible) {
                finished.add(anomalies[i].label(id, fleet.metrics().get(i).name(), lastSent));
            }
            anomalies[i] = null;
        }
        burstStep = -1;
        offline = false;
        interval = null;
    }

    /** Labels of anomalies that ended without a message after them (by {@link #reset()}), taken once. */
    List<Label> drainFinished() {
        final List<Label> labels = List.copyOf(finished);
        finished.clear();
        return labels;
    }

    /** Labels for anomalies still running, ending at the last message sent (when the simulator stops). */
    List<Label> openLabels() {
        final List<Label> open = new ArrayList<>();
        for (int i = 0; i < anomalies.length; i++) {
            if (anomalies[i] != null && anomalies[i].start != null && anomalies[i].visible) {
                open.add(anomalies[i].label(id, fleet.metrics().get(i).name(), lastSent));
            }
        }
        return open;
    }

    boolean offline() {
        return offline;
    }

    void offline(final boolean value) {
        this.offline = value;
    }

    /** This device's own interval (set by a command), or null for the simulator's. */
    Duration interval() {
        return interval;
    }

    void interval(final Duration value) {
        this.interval = value;
    }

    private void start(final int index, final AnomalyKind kind, final int readings, final Instant time) {
        final MetricProfile metric = fleet.metrics().get(index);
        final int length = readings > 0 ? readings
                : kind.minReadings() + random.nextInt(kind.maxReadings() - kind.minReadings() + 1);
        final double size = switch (kind) {
            case SPIKE -> between(metric.spikeLow(), metric.spikeHigh());
            case DIP -> -between(metric.dipLow(), metric.dipHigh());
            case LEVEL_SHIFT, DRIFT -> (random.nextBoolean() ? 1 : -1) * metric.shift();
            default -> 0.0;
        };
        anomalies[index] = new ActiveAnomaly(kind, length, size, lastNormal[index], time);
    }

    private Double anomalous(final int index, final MetricProfile metric, final double normal, final Instant time) {
        final ActiveAnomaly a = anomalies[index];
        if (a.start == null) {
            a.start = time;
        }
        a.step++;
        final Double value = switch (a.kind) {
            case SPIKE, DIP, LEVEL_SHIFT -> round(metric.bound(normal + a.size));
            case DRIFT -> round(metric.bound(normal + a.size * a.step / a.length));
            case STUCK_AT -> round(a.stuckAt);
            case NOISE_BURST -> round(metric.bound(normal + metric.burstNoise() * random.nextGaussian()));
            case DROPOUT -> null;
        };
        a.visible |= value == null || value != round(normal);
        if (a.step >= a.length) {
            if (a.visible) {
                finished.add(a.label(id, metric.name(), time));
            }
            anomalies[index] = null;
        }
        return value;
    }

    /** Per metric, what the normal burst (if one is under way or starts now) adds. */
    private double[] burstOffsets() {
        final double[] add = new double[fleet.metrics().size()];
        final NormalBurst burst = fleet.burst();
        if (burst == null) {
            return add;
        }
        if (burstStep < 0 && random.nextDouble() < burst.rate()) {
            burstStep = 0;
            burstLength = burst.minReadings() + random.nextInt(burst.maxReadings() - burst.minReadings() + 1);
        }
        if (burstStep >= 0) {
            for (final NormalBurst.Shape shape : burst.shapes()) {
                add[fleet.metrics().indexOf(fleet.metric(shape.metric()))] = shape.at(burstStep, burstLength);
            }
            burstStep = burstStep + 1 >= burstLength ? -1 : burstStep + 1;
        }
        return add;
    }

    private double normalValue(final int index, final MetricProfile metric, final Instant time) {
        final double dayFraction = (time.getEpochSecond() % 86_400L + time.getNano() / 1e9) / SECONDS_PER_DAY;
        final double cycle = metric.dailyAmplitude() * Math.sin(2 * Math.PI * dayFraction + phases[index]);
        return metric.base() + offsets[index] + cycle + metric.noise() * random.nextGaussian();
    }

    private double between(final double low, final double high) {
        return low + random.nextDouble() * (high - low);
    }

    private static double round(final double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }

    /**
     * An anomaly under way on one metric. It is labelled only once it is {@code visible}: one of its readings
     * differs from what the sensor would have sent (a dip, a downward shift or a stuck-at on a light sensor reading
     * 0 lux in the dark changes nothing, and no detector can be asked to find it).
     */
    private static final class ActiveAnomaly {
        private final AnomalyKind kind;
        private final int length;
        private final double size;
        private final double stuckAt;
        private Instant start;
        private int step;
        private boolean visible;

        ActiveAnomaly(final AnomalyKind kind, final int length, final double size, final double stuckAt,
                final Instant start) {
            this.kind = kind;
            this.length = length;
            this.size = size;
            this.stuckAt = stuckAt;
            this.start = start;
        }

        Label label(final String deviceId, final String metric, final Instant end) {
            return new Label(deviceId, metric, kind, start, end);
        }
    }
}
