package dev.vigil.model;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import java.util.List;

/**
 * The network, defined once: a dense autoencoder W → hidden… → W with ReLU between layers and a linear output.
 * The Python exporter ({@code model/python/train_autoencoder.py}) builds the same layers.
 */
public final class Autoencoder {

    public static final int DEFAULT_WINDOW = 16;
    public static final List<Integer> DEFAULT_HIDDEN = List.of(8, 4, 8);

    private Autoencoder() {
    }

    public static Block block(final int windowSize, final List<Integer> hiddenSizes) {
        final SequentialBlock block = new SequentialBlock();
        for (final int units : hiddenSizes) {
            block.add(Linear.builder().setUnits(units).build());
            block.add(Activation.reluBlock());
        }
        block.add(Linear.builder().setUnits(windowSize).build());
        return block;
    }
}
