package dev.vigil.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.model.score.AutoencoderScorer;
import dev.vigil.model.score.ModelArtifacts;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DefaultModelTest {

    private static final String CALLER = "scorer-caller";

    @Test
    @DisplayName("the shipped default model loads offline and separates normal from spiked windows at 0.01")
    void defaultModel() {
        try (AutoencoderScorer scorer = ModelArtifacts.loadDefault()) {
            assertEquals(16, scorer.metadata().windowSize());
            assertEquals(0.01, scorer.metadata().defaultThreshold());
            final List<float[]> normal = ModelTestData.normalWindows(2024);
            final double[] normalErrors = ModelTestData.errors(scorer, normal);
            final long falseAlarms = Arrays.stream(normalErrors).filter(e -> e > 0.01).count();
            assertTrue(falseAlarms * 1000 <= normal.size(),
                    falseAlarms + " of " + normal.size() + " normal windows over 0.01");
            final double[] spiked = ModelTestData.errors(scorer,
                    normal.stream().map(w -> ModelTestData.spiked(w, 0.6f)).toList());
            assertTrue(Arrays.stream(spiked).allMatch(e -> e > 0.01),
                    "min spiked error " + Arrays.stream(spiked).min().orElseThrow());
        }
    }

    @Test
    @DisplayName("scoring from a thread other than the engine's leaves no libtorch worker spinning on another core")
    void noSpinningWorker() throws Exception {
        try (AutoencoderScorer scorer = ModelArtifacts.loadDefault()) {
            final float[][] batch = ModelTestData.normalWindows(7).subList(0, 40).toArray(new float[0][]);
            final long[] callerCpu = new long[1];
            final long[] othersCpu = new long[1];
            final Thread caller = new Thread(() -> {
                scorer.reconstruct(batch);
                final long self = ThreadCpu.selfTid();
                final java.util.Map<Long, Long> before = ThreadCpu.all();
                final long end = System.nanoTime() + 1_000_000_000L;
                while (System.nanoTime() < end) { // batches with short gaps, as a stream thread scores
                    scorer.reconstruct(batch);
                    java.util.concurrent.locks.LockSupport.parkNanos(200_000);
                }
                final java.util.Map<Long, Long> after = ThreadCpu.all();
                after.forEach((tid, ticks) -> {
                    final long used = ticks - before.getOrDefault(tid, 0L);
                    if (tid == self) {
                        callerCpu[0] = used;
                    } else if (ThreadCpu.name(tid).equals(CALLER)) { // native threads inherit their creator's name
                        othersCpu[0] += used;
                    }
                });
            }, CALLER);
            caller.start();
            caller.join();
            System.out.printf("1 s of batches: the calling thread used %d CPU ticks, threads it started %d%n",
                    callerCpu[0], othersCpu[0]);
            assertTrue(othersCpu[0] * 4 < callerCpu[0], "threads the caller started used " + othersCpu[0] + " ticks against its "
                    + callerCpu[0] + ": a libtorch worker is spinning");
        }
    }

    @Test
    @DisplayName("a batch of windows of the wrong size is refused with a clear message")
    void wrongWindowSize() {
        try (AutoencoderScorer scorer = ModelArtifacts.loadDefault()) {
            final RuntimeException e = assertThrows(RuntimeException.class,
                    () -> scorer.reconstruct(new float[][] {new float[5]}));
            assertTrue(String.valueOf(e.getMessage()).contains("5 points") || causeMentions(e, "5 points"), e::toString);
        }
    }

    private static boolean causeMentions(final Throwable e, final String text) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (String.valueOf(t.getMessage()).contains(text)) {
                return true;
            }
        }
        return false;
    }
}
