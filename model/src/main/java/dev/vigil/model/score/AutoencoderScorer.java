package dev.vigil.model.score;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.translate.TranslateException;
import dev.vigil.model.ModelMetadata;

/**
 * A loaded model and its one predictor. DJL predictors are not thread-safe, so calls are serialised; with one
 * stream thread per core and one batched call per flush the lock is uncontended.
 */
public final class AutoencoderScorer implements WindowScorer {

    private final Model model;
    private final Predictor<float[][], float[][]> predictor;
    private final ModelMetadata metadata;
    /** Whether the calling thread has had libtorch's intra-op thread count applied to it (see {@link #reconstruct}). */
    private final ThreadLocal<Boolean> threadConfigured = ThreadLocal.withInitial(() -> Boolean.FALSE);

    AutoencoderScorer(final Model model, final ModelMetadata metadata) {
        this.model = model;
        this.metadata = metadata;
        this.predictor = model.newPredictor(new WindowBatchTranslator(metadata.windowSize()));
    }

    @Override
    public synchronized float[][] reconstruct(final float[][] windows) {
        if (windows.length == 0) {
            return new float[0][];
        }
        if (!threadConfigured.get()) {
            // DJL applies ai.djl.pytorch.num_threads in the thread that loads the engine. When another thread (a
            // stream thread) called the model, libtorch left a native worker thread spinning on the other core
            // between batches (43-65% of a core, top -H in PipelineBenchmark; a whole core in
            // DefaultModelTest.noSpinningWorker). Setting the count again from each calling thread, once, stops it.
            // Which libtorch pool the worker belonged to was not traced.
            JniUtils.setNumThreads(JniUtils.getNumThreads());
            threadConfigured.set(Boolean.TRUE);
        }
        try {
            return predictor.predict(windows);
        } catch (final TranslateException e) {
            throw new ScoringException("model " + metadata.modelVersion() + " failed on a batch of "
                    + windows.length, e);
        }
    }

    /**
     * The same network as plain Java loops, from this model's parameters (DJL format only): the speed floor the
     * benchmark compares DJL with, and a cross-check of the loaded weights.
     */
    public JavaForwardPass javaForwardPass() {
        if (!ModelMetadata.FORMAT_DJL.equals(metadata.format())) {
            throw new UnsupportedOperationException("only DJL-format artifacts expose their layers");
        }
        return JavaForwardPass.from(model.getBlock());
    }

    @Override
    public ModelMetadata metadata() {
        return metadata;
    }

    @Override
    public synchronized void close() {
        predictor.close();
        model.close();
    }
}
