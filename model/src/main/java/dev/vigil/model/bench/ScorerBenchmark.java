package dev.vigil.model.bench;

import dev.vigil.model.score.AutoencoderScorer;
import dev.vigil.model.score.JavaForwardPass;
import dev.vigil.model.score.ModelArtifacts;
import dev.vigil.model.score.ReconstructionError;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * Scorer throughput on this machine: the shipped model through a DJL predictor one window per call, in batches
 * of 64, 256 and 1024, and the same network as plain Java loops (the floor). Each figure is the median of
 * {@code runs} timed runs after a warm-up, all in one JVM so the ratios compare like with like. It reports; it
 * asserts nothing.
 *
 * <pre>mvn -q -pl model exec:java -Dexec.mainClass=dev.vigil.model.bench.ScorerBenchmark [-Dexec.args="5 200000"]</pre>
 */
public final class ScorerBenchmark {

    private ScorerBenchmark() {
    }

    public static void main(final String[] args) {
        final int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        final int windows = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        final float[][] data = windows(windows, 16);
        try (AutoencoderScorer scorer = ModelArtifacts.loadDefault()) {
            final JavaForwardPass java = scorer.javaForwardPass();
            System.out.printf(Locale.ROOT, "scorer benchmark: model %s, %d windows per run, median of %d runs%n",
                    scorer.metadata().modelVersion(), windows, runs);
            final double single = median(runs, () -> batched(scorer, data, 1, Math.min(windows, 20_000)));
            final double[] perBatch = new double[3];
            final int[] sizes = {64, 256, 1024};
            for (int i = 0; i < sizes.length; i++) {
                final int size = sizes[i];
                perBatch[i] = median(runs, () -> batched(scorer, data, size, windows));
            }
            final double floor = median(runs, () -> javaLoops(java, data));
            report("DJL predictor, 1 window per call", single, floor);
            for (int i = 0; i < sizes.length; i++) {
                report("DJL predictor, batches of " + sizes[i], perBatch[i], floor);
            }
            report("plain Java forward pass (floor)", floor, floor);
        }
    }

    private static void report(final String what, final double perSecond, final double floor) {
        System.out.printf(Locale.ROOT, "  %-36s %,12.0f windows/s  %8.2f µs/window  %5.1f%% of the floor%n", what,
                perSecond, 1e6 / perSecond, 100 * perSecond / floor);
    }

    /** Windows per second through the predictor, {@code size} per call, over the first {@code count} windows. */
    private static double batched(final AutoencoderScorer scorer, final float[][] data, final int size, final int count) {
        final long start = System.nanoTime();
        double sink = 0;
        for (int from = 0; from < count; from += size) {
            final float[][] batch = Arrays.copyOfRange(data, from, Math.min(count, from + size));
            final float[][] out = scorer.reconstruct(batch);
            for (int i = 0; i < batch.length; i++) {
                sink += ReconstructionError.mse(batch[i], out[i]);
            }
        }
        return rate(count, start, sink);
    }

    private static double javaLoops(final JavaForwardPass java, final float[][] data) {
        final long start = System.nanoTime();
        final float[] out = new float[16];
        double sink = 0;
        for (final float[] window : data) {
            java.reconstruct(window, out);
            sink += ReconstructionError.mse(window, out);
        }
        return rate(data.length, start, sink);
    }

    private static double rate(final int count, final long start, final double sink) {
        final double seconds = (System.nanoTime() - start) / 1e9;
        if (Double.isNaN(sink)) {
            throw new IllegalStateException("NaN error");
        }
        return count / seconds;
    }

    private static double median(final int runs, final java.util.function.DoubleSupplier run) {
        run.getAsDouble();
        final double[] results = new double[runs];
        for (int i = 0; i < runs; i++) {
            results[i] = run.getAsDouble();
        }
        Arrays.sort(results);
        return results[runs / 2];
    }

    private static float[][] windows(final int count, final int size) {
        final Random random = new Random(1);
        final float[][] data = new float[count][size];
        for (final float[] w : data) {
            final float level = 0.5f + (float) random.nextGaussian() * 0.2f;
            for (int i = 0; i < size; i++) {
                w[i] = level + (float) random.nextGaussian() * 0.042f;
            }
        }
        return data;
    }
}
