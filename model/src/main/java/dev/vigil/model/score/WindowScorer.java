package dev.vigil.model.score;

import dev.vigil.model.ModelMetadata;

/** Reconstructs batches of normalised windows. One call per batch: per-window calls cost ~100x more. */
public interface WindowScorer extends AutoCloseable {

    /** Reconstructs each window; {@code result[i]} has the same length as {@code windows[i]}. */
    float[][] reconstruct(float[][] windows);

    ModelMetadata metadata();

    @Override
    void close();
}
