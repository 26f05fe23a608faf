package dev.vigil.model.score;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;

/**
 * Turns a batch of windows (B × W floats) into one (B, W) tensor and the model's output back into B arrays.
 * The tensors live in the predictor context's manager, which DJL closes after each call.
 */
final class WindowBatchTranslator implements NoBatchifyTranslator<float[][], float[][]> {

    private final int windowSize;

    WindowBatchTranslator(final int windowSize) {
        this.windowSize = windowSize;
    }

    @Override
    public NDList processInput(final TranslatorContext ctx, final float[][] windows) {
        final float[] flat = new float[windows.length * windowSize];
        for (int i = 0; i < windows.length; i++) {
            if (windows[i].length != windowSize) {
                throw new IllegalArgumentException("window " + i + " has " + windows[i].length
                        + " points, the model takes " + windowSize);
            }
            System.arraycopy(windows[i], 0, flat, i * windowSize, windowSize);
        }
        return new NDList(ctx.getNDManager().create(flat, new Shape(windows.length, windowSize)));
    }

    @Override
    public float[][] processOutput(final TranslatorContext ctx, final NDList list) {
        final NDArray output = list.singletonOrThrow();
        final float[] flat = output.toFloatArray();
        final int rows = flat.length / windowSize;
        final float[][] out = new float[rows][windowSize];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(flat, i * windowSize, out[i], 0, windowSize);
        }
        return out;
    }
}
