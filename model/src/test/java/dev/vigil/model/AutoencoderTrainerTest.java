package dev.vigil.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.model.score.AutoencoderScorer;
import dev.vigil.model.score.ModelArtifacts;
import dev.vigil.model.train.AutoencoderTrainer;
import dev.vigil.model.train.TrainingOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AutoencoderTrainerTest {

    @TempDir
    static Path dir;
    static ModelMetadata metadata;

    @BeforeAll
    static void trainSmallModel() {
        final List<float[]> windows = ModelTestData.normalWindows(1);
        metadata = new AutoencoderTrainer().train(windows, TrainingOptions.defaults().withEpochs(30), dir,
                "test-ae", "t1", "simulator(seed 1)");
    }

    @Test
    @DisplayName("writes a versioned artifact: parameters plus metadata with calibration percentiles")
    void writesArtifact() {
        assertTrue(Files.exists(dir.resolve(metadata.file())), "parameters file " + metadata.file());
        final ModelMetadata read = ModelArtifacts.readMetadata(dir);
        assertEquals(metadata, read);
        assertEquals("test-ae:t1", read.modelVersion());
        assertEquals(16, read.windowSize());
        assertEquals(0.01, read.defaultThreshold());
        assertTrue(read.trainingError().get("p50") <= read.trainingError().get("p99"));
        assertTrue(read.trainedOn().windows() > 1000);
    }

    @Test
    @DisplayName("normal windows score under the threshold, spiked windows over it")
    void separatesNormalFromSpiked() {
        final List<float[]> normal = ModelTestData.normalWindows(99).subList(0, 500);
        try (AutoencoderScorer scorer = ModelArtifacts.load(dir)) {
            final double[] normalErrors = ModelTestData.errors(scorer, normal);
            final long falseAlarms = java.util.Arrays.stream(normalErrors).filter(e -> e > 0.01).count();
            assertTrue(falseAlarms <= 2, falseAlarms + " of 500 normal windows over the threshold");
            final List<float[]> spiked = normal.stream().map(w -> ModelTestData.spiked(w, 0.8f))
                    .collect(Collectors.toList());
            final double[] spikedErrors = ModelTestData.errors(scorer, spiked);
            for (final double error : spikedErrors) {
                assertTrue(error > 0.01, "a spike of 0.8 scored only " + error);
            }
        }
    }

    @Test
    @DisplayName("a training that does not converge is retried with the next seeds, then refused with its errors")
    void refusesATrainingThatDoesNotConverge(@TempDir final Path other) {
        final List<float[]> windows = ModelTestData.normalWindows(1);
        final IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> new AutoencoderTrainer().train(windows, TrainingOptions.defaults().withEpochs(2)
                        .withLearningRate(1e4f), other, "diverging", "t1", "test"));
        assertTrue(e.getMessage().startsWith("training did not converge in 3 runs (seeds 42..44)"), e.getMessage());
        // the small training of trainSmallModel usually converges with seed 42, but not always: a fresh-clone CI run
        // of session 11 needed seed 43 (the run-to-run nondeterminism first seen in session 6 is not understood);
        // the retry is what makes that harmless, so what holds is convergence within the three seeds
        final long seed = metadata.trainedOn().seed();
        assertTrue(seed >= 42 && seed <= 44, "the default training converged within its three seeds, at " + seed);
    }

    @Test
    @DisplayName("save/load round trip: two loads of the artifact reconstruct identically")
    void roundTrip() {
        final float[][] batch = ModelTestData.normalWindows(5).subList(0, 20).toArray(new float[0][]);
        try (AutoencoderScorer first = ModelArtifacts.load(dir); AutoencoderScorer second = ModelArtifacts.load(dir)) {
            final float[][] a = first.reconstruct(batch);
            final float[][] b = second.reconstruct(batch);
            for (int i = 0; i < batch.length; i++) {
                assertArrayEquals(a[i], b[i]);
            }
            assertEquals(metadata, first.metadata());
        }
    }
}
