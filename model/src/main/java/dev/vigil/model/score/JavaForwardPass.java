package dev.vigil.model.score;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;

/**
 * The dense autoencoder evaluated with plain float loops: ReLU after every layer but the last. Built from the
 * parameters of a DJL block ({@code Linear} weights are [out, in], biases [out]). Not thread-safe (reuses
 * scratch buffers).
 */
public final class JavaForwardPass {

    private final List<float[][]> weights;
    private final List<float[]> biases;
    private final float[][] scratch;

    private JavaForwardPass(final List<float[][]> weights, final List<float[]> biases) {
        this.weights = weights;
        this.biases = biases;
        this.scratch = new float[weights.size()][];
        for (int l = 0; l < weights.size(); l++) {
            scratch[l] = new float[weights.get(l).length];
        }
    }

    static JavaForwardPass from(final Block block) {
        final List<float[][]> weights = new ArrayList<>();
        final List<float[]> biases = new ArrayList<>();
        for (final Pair<String, Parameter> p : block.getParameters()) {
            final NDArray array = p.getValue().getArray();
            if (p.getKey().endsWith("weight")) {
                final int out = (int) array.getShape().get(0);
                final int in = (int) array.getShape().get(1);
                final float[] flat = array.toFloatArray();
                final float[][] w = new float[out][in];
                for (int o = 0; o < out; o++) {
                    System.arraycopy(flat, o * in, w[o], 0, in);
                }
                weights.add(w);
            } else {
                biases.add(array.toFloatArray());
            }
        }
        if (weights.size() != biases.size() || weights.isEmpty()) {
            throw new IllegalStateException("expected one weight and one bias per dense layer");
        }
        return new JavaForwardPass(weights, biases);
    }

    /** Reconstructs one window into {@code out}. */
    public void reconstruct(final float[] window, final float[] out) {
        float[] input = window;
        for (int l = 0; l < weights.size(); l++) {
            final float[][] w = weights.get(l);
            final float[] b = biases.get(l);
            final float[] target = l == weights.size() - 1 ? out : scratch[l];
            final boolean relu = l < weights.size() - 1;
            for (int o = 0; o < w.length; o++) {
                float sum = b[o];
                final float[] row = w[o];
                for (int i = 0; i < row.length; i++) {
                    sum += row[i] * input[i];
                }
                target[o] = relu && sum < 0 ? 0 : sum;
            }
            input = target;
        }
    }
}
