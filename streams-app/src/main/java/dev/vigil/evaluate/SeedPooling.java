package dev.vigil.evaluate;

import dev.vigil.simulator.AnomalyKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.ToDoubleFunction;

/**
 * The simulator's figures over several seeds, pooled per fleet and kind: the counts of every seed added up, as if
 * one fleet that many times as large had been simulated, with an interval that says how far the pooled figure moves
 * with the seeds drawn. The interval is a percentile bootstrap over seeds (the seeds resampled with replacement, the
 * pooled figure recomputed, its 2.5th and 97.5th percentiles), not over events: events of one seed share devices
 * (one dark light sensor raised most of a seed's false alarms of a kind, EVALUATION.md), so they are not independent,
 * while seeds are. With few seeds it is rough; it is reported to say how much of a gap to a goal is chance.
 */
public final class SeedPooling {

    /** Resamples of the bootstrap. */
    static final int RESAMPLES = 10_000;
    /** The bootstrap's own random seed: the same results always give the same interval. */
    private static final long BOOTSTRAP_SEED = 1;

    /** A 95% interval. */
    public record Interval(double low, double high) {
    }

    /**
     * One fleet and kind ({@code kind} null: normal data only) over every seed.
     *
     * @param counts the seeds' counts added up (no detections or events listed)
     * @param seedsBelow how many seeds had a recall or a precision below the goal on their own
     */
    public record Pooled(String fleet, AnomalyKind kind, int seeds, EventMatching.Counts counts, Interval recall,
            Interval precision, int seedsBelow) {
    }

    private SeedPooling() {
    }

    /**
     * Pools the results of several seeds, each the list {@link Evaluations#simulator} returned for one seed (the same
     * fleets and kinds in each), in the order of the first.
     */
    public static List<Pooled> pool(final List<List<Evaluations.SimulatorResult>> bySeed, final double goal) {
        if (bySeed.isEmpty()) {
            throw new IllegalArgumentException("no seeds to pool");
        }
        final Map<Key, List<EventMatching.Counts>> counts = new LinkedHashMap<>();
        for (final List<Evaluations.SimulatorResult> seed : bySeed) {
            for (final Evaluations.SimulatorResult r : seed) {
                counts.computeIfAbsent(new Key(r.fleet(), r.kind()), k -> new ArrayList<>()).add(r.counts());
            }
        }
        final Random random = new Random(BOOTSTRAP_SEED);
        final List<Pooled> pooled = new ArrayList<>();
        counts.forEach((key, perSeed) -> {
            if (perSeed.size() != bySeed.size()) {
                throw new IllegalArgumentException("not every seed has " + key.fleet() + " / " + key.kind());
            }
            final int below = (int) perSeed.stream().filter(c -> c.recall() < goal || c.precision() < goal).count();
            pooled.add(new Pooled(key.fleet(), key.kind(), perSeed.size(), sum(perSeed),
                    interval(perSeed, EventMatching.Counts::recall, random),
                    interval(perSeed, EventMatching.Counts::precision, random), below));
        });
        return pooled;
    }

    /** Counts added up; their lists of false alarms and missed events are left out. */
    static EventMatching.Counts sum(final List<EventMatching.Counts> counts) {
        int events = 0;
        int detected = 0;
        int alarms = 0;
        int trueAlarms = 0;
        int detections = 0;
        int trueDetections = 0;
        for (final EventMatching.Counts c : counts) {
            events += c.events();
            detected += c.eventsDetected();
            alarms += c.alarms();
            trueAlarms += c.trueAlarms();
            detections += c.detections();
            trueDetections += c.trueDetections();
        }
        return new EventMatching.Counts(events, detected, alarms, trueAlarms, detections, trueDetections, List.of(),
                List.of());
    }

    /** The percentile bootstrap over seeds of one pooled figure. */
    static Interval interval(final List<EventMatching.Counts> perSeed, final ToDoubleFunction<EventMatching.Counts> figure,
            final Random random) {
        final int n = perSeed.size();
        final double[] figures = new double[RESAMPLES];
        final List<EventMatching.Counts> drawn = new ArrayList<>(n);
        for (int b = 0; b < RESAMPLES; b++) {
            drawn.clear();
            for (int i = 0; i < n; i++) {
                drawn.add(perSeed.get(random.nextInt(n)));
            }
            figures[b] = figure.applyAsDouble(sum(drawn));
        }
        Arrays.sort(figures);
        return new Interval(figures[(int) Math.floor(0.025 * (RESAMPLES - 1))],
                figures[(int) Math.ceil(0.975 * (RESAMPLES - 1))]);
    }

    private record Key(String fleet, AnomalyKind kind) {
        Key {
            Objects.requireNonNull(fleet, "fleet");
        }
    }
}
