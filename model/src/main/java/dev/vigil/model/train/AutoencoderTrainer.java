package dev.vigil.model.train;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.TranslateException;
import dev.vigil.model.Autoencoder;
import dev.vigil.model.ModelMetadata;
import dev.vigil.model.score.AutoencoderScorer;
import dev.vigil.model.score.DjlSettings;
import dev.vigil.model.score.ModelArtifacts;
import dev.vigil.model.score.ReconstructionError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the autoencoder on normal windows with DJL's training API (PyTorch engine), calibrates it on held-out
 * windows and writes a versioned artifact: parameters plus {@code metadata.json}.
 */
public final class AutoencoderTrainer {

    public static final double DEFAULT_THRESHOLD = 0.01;
    public static final double DEFAULT_SIGMAS = 12.0;
    /** Training runs with seeds {@code seed}, {@code seed + 1}, ... until one converges, at most this many. */
    public static final int ATTEMPTS = 3;

    private static final Logger LOG = LoggerFactory.getLogger(AutoencoderTrainer.class);

    /**
     * Trains, and checks the result: a model whose median held-out normal error is over the default threshold
     * flags most normal windows, so the run did not converge (a CI run once produced such a model, 325 of 500 normal
     * test windows over the threshold, and no rerun could repeat it). It is trained again with the next seed, up to
     * {@link #ATTEMPTS} runs; the metadata records the seed that converged. (The 99th percentile is not the test:
     * held-out windows carry the training's level jitter, and a small training's p99 can exceed the threshold while
     * the model separates normal from anomalous windows well.)
     *
     * @param windows normalised normal windows (see {@link TrainingData})
     * @param source what the windows came from, recorded in the metadata
     * @return the metadata of the written artifact
     * @throws IllegalStateException when no run converged
     */
    public ModelMetadata train(final List<float[]> windows, final TrainingOptions options, final Path outDir,
            final String name, final String version, final String source) {
        final List<Double> p50s = new ArrayList<>();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            final ModelMetadata trained = trainOnce(windows, options.withSeed(options.seed() + attempt), outDir, name,
                    version, source);
            final double p50 = trained.trainingError().get("p50");
            if (p50 <= DEFAULT_THRESHOLD) {
                return trained;
            }
            p50s.add(p50);
            LOG.warn("training with seed {} did not converge: held-out median error {} is over the threshold {}",
                    options.seed() + attempt, p50, DEFAULT_THRESHOLD);
        }
        throw new IllegalStateException("training did not converge in " + ATTEMPTS + " runs (seeds " + options.seed()
                + ".." + (options.seed() + ATTEMPTS - 1) + "): held-out median errors " + p50s + ", threshold "
                + DEFAULT_THRESHOLD);
    }

    private ModelMetadata trainOnce(final List<float[]> windows, final TrainingOptions options, final Path outDir,
            final String name, final String version, final String source) {
        DjlSettings.applyDefaults();
        Engine.getEngine(ModelArtifacts.ENGINE).setRandomSeed((int) options.seed());
        final Random random = new Random(options.seed());
        final List<float[]> shuffled = new ArrayList<>(windows);
        Collections.shuffle(shuffled, random);
        final int heldOut = Math.max(1, (int) (shuffled.size() * options.heldOutFraction()));
        final List<float[]> calibration = jitter(shuffled.subList(0, heldOut), options.levelJitter(), random);
        final List<float[]> training = jitter(shuffled.subList(heldOut, shuffled.size()), options.levelJitter(), random);
        fitAndSave(training, options, outDir, name);
        final ModelMetadata metadata = new ModelMetadata(name, version, ModelMetadata.FORMAT_DJL,
                name + "-" + String.format("%04d", options.epochs()) + ".params", options.windowSize(),
                options.hiddenSizes(),
                new ModelMetadata.NormalisationSpec(ModelMetadata.NormalisationSpec.WARMUP_SIGMA_RANGE, DEFAULT_SIGMAS),
                DEFAULT_THRESHOLD, ModelMetadata.ERROR_DEFINITION, Map.of(),
                new ModelMetadata.TrainingSource(source, options.seed(), training.size(), options.epochs(),
                        options.levelJitter()),
                Instant.now());
        ModelArtifacts.writeMetadata(outDir, metadata);
        final ModelMetadata calibrated = withErrors(metadata, calibrationErrors(outDir, calibration));
        ModelArtifacts.writeMetadata(outDir, calibrated);
        return calibrated;
    }

    private static void fitAndSave(final List<float[]> training, final TrainingOptions options, final Path outDir,
            final String name) {
        final int w = options.windowSize();
        final float[] flat = new float[training.size() * w];
        for (int i = 0; i < training.size(); i++) {
            System.arraycopy(training.get(i), 0, flat, i * w, w);
        }
        final DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l2Loss())
                .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(options.learningRate())).build());
        try (Model model = Model.newInstance(name, ModelArtifacts.ENGINE)) {
            model.setBlock(Autoencoder.block(w, options.hiddenSizes()));
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(options.batchSize(), w));
                final NDArray x = trainer.getManager().create(flat, new Shape(training.size(), w));
                final ArrayDataset dataset = new ArrayDataset.Builder().setData(x).optLabels(x)
                        .setSampling(options.batchSize(), true).build();
                EasyTrain.fit(trainer, options.epochs(), dataset, null);
            }
            model.setProperty("Epoch", String.valueOf(options.epochs()));
            model.save(outDir, name);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot save the model to " + outDir, e);
        } catch (final TranslateException e) {
            throw new IllegalStateException("training failed", e);
        }
    }

    private static List<float[]> jitter(final List<float[]> windows, final double levelJitter, final Random random) {
        final List<float[]> out = new ArrayList<>(windows.size());
        for (final float[] window : windows) {
            final float offset = (float) ((random.nextDouble() * 2 - 1) * levelJitter);
            final float[] shifted = new float[window.length];
            for (int i = 0; i < window.length; i++) {
                shifted[i] = window[i] + offset;
            }
            out.add(shifted);
        }
        return out;
    }

    /** Reconstruction errors of held-out normal windows, scored by the saved artifact (a load round trip). */
    private static double[] calibrationErrors(final Path dir, final List<float[]> calibration) {
        try (AutoencoderScorer scorer = ModelArtifacts.load(dir)) {
            final float[][] batch = calibration.toArray(new float[0][]);
            final float[][] reconstructions = scorer.reconstruct(batch);
            final double[] errors = new double[batch.length];
            for (int i = 0; i < batch.length; i++) {
                errors[i] = ReconstructionError.mse(batch[i], reconstructions[i]);
            }
            Arrays.sort(errors);
            return errors;
        }
    }

    private static ModelMetadata withErrors(final ModelMetadata m, final double[] sortedErrors) {
        final Map<String, Double> percentiles = new LinkedHashMap<>();
        percentiles.put("p50", percentile(sortedErrors, 0.50));
        percentiles.put("p90", percentile(sortedErrors, 0.90));
        percentiles.put("p99", percentile(sortedErrors, 0.99));
        percentiles.put("p999", percentile(sortedErrors, 0.999));
        percentiles.put("max", sortedErrors[sortedErrors.length - 1]);
        return new ModelMetadata(m.name(), m.version(), m.format(), m.file(), m.windowSize(), m.hiddenSizes(),
                m.normalisation(), m.defaultThreshold(), m.error(), percentiles, m.trainedOn(), m.createdAt());
    }

    static double percentile(final double[] sorted, final double q) {
        final int index = (int) Math.min(sorted.length - 1, Math.floor(q * sorted.length));
        return sorted[index];
    }
}
