package dev.vigil.testing;

import dev.vigil.model.ModelMetadata;
import dev.vigil.model.score.WindowScorer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Decorates a real scorer and records the size of every batch it is asked to reconstruct. */
public final class CountingScorer implements WindowScorer {

    private final WindowScorer delegate;
    private final List<Integer> batchSizes = new CopyOnWriteArrayList<>();

    public CountingScorer(final WindowScorer delegate) {
        this.delegate = delegate;
    }

    @Override
    public float[][] reconstruct(final float[][] windows) {
        batchSizes.add(windows.length);
        return delegate.reconstruct(windows);
    }

    @Override
    public ModelMetadata metadata() {
        return delegate.metadata();
    }

    public List<Integer> batchSizes() {
        return List.copyOf(batchSizes);
    }

    public void reset() {
        batchSizes.clear();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
