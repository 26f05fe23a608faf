package dev.vigil.bench;

import dev.vigil.fleet.FleetScales;
import dev.vigil.fleet.MetricScale;
import dev.vigil.fleet.ScaleCounts;
import dev.vigil.ingest.Telemetry;
import dev.vigil.scoring.ScoreRecord;
import dev.vigil.scoring.ScoringSettings;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import dev.vigil.state.DeviceState;
import dev.vigil.state.DeviceStateUpdater;
import dev.vigil.topology.VigilSerdes;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The values written per reading, in process: microseconds to write (and read) a device's state (one metric, past
 * warm-up and review), a score as the {@code scores} topic's JSON and as a {@code score-history} entry; bytes of
 * each; and a fleet scale's lookup, from the store's bytes and from the scoring task's cache ({@link FleetScales#of}).
 * Best of {@code ROUNDS} rounds of {@code N}. It reports; it asserts nothing.
 *
 * <pre>mvn -q -pl streams-app exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.vigil.bench.SerdeBenchmark \
 *     -Dexec.args="ROUNDS N"      (defaults: 7 200000)</pre>
 */
public final class SerdeBenchmark {

    private SerdeBenchmark() {
    }

    public static void main(final String[] args) {
        final int rounds = BenchRig.intArg(args, 0, 7);
        final int n = BenchRig.intArg(args, 1, 200_000);
        final DeviceState state = steadyState();
        final ScoreRecord score = new ScoreRecord("dev-42", "temperature-probe", "temperature", Instant.now(), 21.37,
                false, 0.00123, 0.00456, 0.01, false, "ae-16-v1", null);
        measure("device state, write", rounds, n, VigilSerdes.deviceState(), state);
        measure("score (scores topic), write", rounds, n, VigilSerdes.score(), score);
        measure("score (history), write", rounds, n, VigilSerdes.historyScore(), score);
        final byte[] stateBytes = VigilSerdes.deviceState().serializer().serialize("t", state);
        final Serde<DeviceState> stateSerde = VigilSerdes.deviceState();
        best("device state, read", rounds, n, () -> stateSerde.deserializer().deserialize("t", stateBytes));
        final Deserializer<ScaleCounts> counts = VigilSerdes.scaleCounts().deserializer();
        for (final int devices : new int[] {20, 10_000}) {
            final byte[] fleet = VigilSerdes.scaleCounts().serializer().serialize("t", fleet(devices));
            System.out.printf(Locale.ROOT, "%-30s %,d bytes%n", "fleet of " + devices + ", counts", fleet.length);
            final FleetScales cached = FleetScales.of(new StoredCounts(fleet, counts), () -> 0L);
            final AtomicLong clock = new AtomicLong();
            // the clock steps a day per lookup, past any time a found scale is kept: every lookup reads the store
            final FleetScales uncached = FleetScales.of(new StoredCounts(fleet, counts),
                    () -> clock.addAndGet(86_400_000L));
            best("fleet of " + devices + ", store read", rounds, n, () -> uncached.scale("door-sensor", "light"));
            best("fleet of " + devices + ", cached", rounds, n, () -> cached.scale("door-sensor", "light"));
        }
    }

    /** The door lights of {@code devices} devices, scales spread 20% around 3 lux. */
    private static ScaleCounts fleet(final int devices) {
        final java.util.Random random = new java.util.Random(27);
        ScaleCounts counts = ScaleCounts.none();
        for (int d = 0; d < devices; d++) {
            counts = counts.plus(ScaleCounts.of(new MetricScale("door-sensor", "light",
                    3 * Math.exp(0.2 * random.nextGaussian()))));
        }
        return counts;
    }

    /** One fleet's counts as the global store keeps them: bytes, read on every get. */
    private record StoredCounts(byte[] bytes, Deserializer<ScaleCounts> deserializer)
            implements ReadOnlyKeyValueStore<String, ScaleCounts> {

        @Override
        public ScaleCounts get(final String key) {
            return deserializer.deserialize("t", bytes);
        }

        @Override
        public KeyValueIterator<String, ScaleCounts> range(final String from, final String to) {
            throw new UnsupportedOperationException();
        }

        @Override
        public KeyValueIterator<String, ScaleCounts> all() {
            throw new UnsupportedOperationException();
        }

        @Override
        public long approximateNumEntries() {
            return 1;
        }
    }

    /** A device's state after 150 readings of one metric: warm-up and review done, window full. */
    private static DeviceState steadyState() {
        final ScoringSettings settings = new ScoringSettings(16, 50, true, true, 1, 3.0, 0.01, "bench", 64,
                Duration.ofMillis(20), Duration.ofDays(1), 30, 5, 3, 16, 0, 3, 0, 0, false);
        final DeviceStateUpdater updater = new DeviceStateUpdater(settings);
        DeviceState state = null;
        final Instant start = Instant.parse("2026-11-23T00:00:00Z");
        for (int i = 0; i < 150; i++) {
            final Telemetry reading = new Telemetry("dev-42", start.plusSeconds(i),
                    Map.of("temperature", 20 + Math.sin(i / 10.0)));
            state = updater.apply(state, reading, null, start.plusSeconds(i).toEpochMilli()).state();
        }
        return state;
    }

    private static <T> void measure(final String what, final int rounds, final int n, final Serde<T> serde,
            final T value) {
        final int bytes = serde.serializer().serialize("t", value).length;
        System.out.printf(Locale.ROOT, "%-30s %,d bytes%n", what, bytes);
        best(what, rounds, n, () -> serde.serializer().serialize("t", value));
    }

    private static void best(final String what, final int rounds, final int n, final Supplier<Object> op) {
        double best = Double.MAX_VALUE;
        long sink = 0;
        for (int round = 0; round < rounds; round++) {
            final long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                sink += op.get().hashCode() & 1;
            }
            best = Math.min(best, (System.nanoTime() - start) / 1e3 / n);
        }
        System.out.printf(Locale.ROOT, "%-30s best of %d: %.3f µs (%d)%n", what, rounds, best, sink & 1);
    }
}
