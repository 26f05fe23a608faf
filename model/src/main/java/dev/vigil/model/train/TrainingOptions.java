package dev.vigil.model.train;

import dev.vigil.model.Autoencoder;
import java.util.List;

/**
 * How to train.
 *
 * @param levelJitter half-width of a uniform random offset added to every point of a training window. Normal
 *     slow drift (daily cycles, seasons) moves a device's level far from its warm-up mean; the jitter teaches
 *     the network to reconstruct any level, so it judges a window's shape, not where it sits.
 * @param heldOutFraction share of windows kept out of training to calibrate the error percentiles
 */
public record TrainingOptions(
        int windowSize,
        List<Integer> hiddenSizes,
        int epochs,
        int batchSize,
        float learningRate,
        double levelJitter,
        long seed,
        double heldOutFraction) {

    public static TrainingOptions defaults() {
        return new TrainingOptions(Autoencoder.DEFAULT_WINDOW, Autoencoder.DEFAULT_HIDDEN, 30, 64, 0.005f, 1.0,
                42L, 0.1);
    }

    public TrainingOptions withSeed(final long newSeed) {
        return new TrainingOptions(windowSize, hiddenSizes, epochs, batchSize, learningRate, levelJitter, newSeed,
                heldOutFraction);
    }

    public TrainingOptions withLearningRate(final float newRate) {
        return new TrainingOptions(windowSize, hiddenSizes, epochs, batchSize, newRate, levelJitter, seed,
                heldOutFraction);
    }

    public TrainingOptions withEpochs(final int newEpochs) {
        return new TrainingOptions(windowSize, hiddenSizes, newEpochs, batchSize, learningRate, levelJitter, seed,
                heldOutFraction);
    }
}
