package dev.vigil.model;

import dev.vigil.model.score.ReconstructionError;
import dev.vigil.model.score.WindowScorer;
import dev.vigil.model.train.AutoencoderTrainer;
import dev.vigil.model.train.TrainingData;
import java.time.Duration;
import java.util.List;

/** Windows for model tests, made the way the app makes them. */
final class ModelTestData {

    static final int WARMUP = 50;

    private ModelTestData() {
    }

    /** Normal windows from a simulator seed the default model was not trained on. */
    static List<float[]> normalWindows(final long seed) {
        return TrainingData.fromSimulator(seed, 3, 150, Duration.ofSeconds(30), Autoencoder.DEFAULT_WINDOW, WARMUP,
                AutoencoderTrainer.DEFAULT_SIGMAS);
    }

    /** The window with its newest point moved by {@code delta} on the normalised scale. */
    static float[] spiked(final float[] window, final float delta) {
        final float[] copy = window.clone();
        copy[copy.length - 1] += delta;
        return copy;
    }

    static double[] errors(final WindowScorer scorer, final List<float[]> windows) {
        final float[][] batch = windows.toArray(new float[0][]);
        final float[][] reconstructions = scorer.reconstruct(batch);
        final double[] errors = new double[batch.length];
        for (int i = 0; i < batch.length; i++) {
            errors[i] = ReconstructionError.mse(batch[i], reconstructions[i]);
        }
        return errors;
    }
}
