package dev.vigil.bench;

import dev.vigil.ingest.ParseResult;
import dev.vigil.ingest.TelemetryLimits;
import dev.vigil.ingest.TelemetryParser;
import java.util.Locale;

/**
 * The telemetry parser alone, in process: microseconds per ~100-byte message ({@link BenchRig#reading}, as in
 * {@link PipelineBenchmark}), best of {@code ROUNDS} rounds of {@code MESSAGES}. It reports; it asserts nothing.
 *
 * <pre>mvn -q -pl streams-app exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.vigil.bench.ParserBenchmark \
 *     -Dexec.args="ROUNDS MESSAGES"      (defaults: 7 1000000)</pre>
 */
public final class ParserBenchmark {

    private ParserBenchmark() {
    }

    public static void main(final String[] args) {
        final int rounds = BenchRig.intArg(args, 0, 7);
        final int messages = BenchRig.intArg(args, 1, 1_000_000);
        final TelemetryParser parser = new TelemetryParser(new TelemetryLimits(65_536, 64, 60_000));
        final long now = System.currentTimeMillis();
        final byte[][] values = new byte[1000][];
        for (int i = 0; i < values.length; i++) {
            values[i] = BenchRig.reading("dev-" + i, now - 100_000 + i, 20 + i * 0.013);
        }
        double best = Double.MAX_VALUE;
        for (int round = 0; round < rounds; round++) {
            final long start = System.nanoTime();
            int valid = 0;
            for (int n = 0; n < messages; n++) {
                if (parser.parse(null, values[n % values.length], now) instanceof ParseResult.Valid) {
                    valid++;
                }
            }
            final double micros = (System.nanoTime() - start) / 1e3 / messages;
            best = Math.min(best, micros);
            System.out.printf(Locale.ROOT, "round %d: %.3f µs per message (%,d valid)%n", round + 1, micros, valid);
        }
        System.out.printf(Locale.ROOT, "best of %d: %.3f µs per message%n", rounds, best);
    }
}
