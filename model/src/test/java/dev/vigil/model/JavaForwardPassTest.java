package dev.vigil.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.model.score.AutoencoderScorer;
import dev.vigil.model.score.JavaForwardPass;
import dev.vigil.model.score.ModelArtifacts;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class JavaForwardPassTest {

    @Test
    @DisplayName("plain Java loops over the model's parameters reproduce DJL's reconstruction within 1e-5")
    void matchesDjl() {
        try (AutoencoderScorer scorer = ModelArtifacts.loadDefault()) {
            final JavaForwardPass java = scorer.javaForwardPass();
            final List<float[]> windows = ModelTestData.normalWindows(7).subList(0, 200);
            final float[][] batch = windows.stream().map(w -> ModelTestData.spiked(w, 0.3f)).toArray(float[][]::new);
            final float[][] djl = scorer.reconstruct(batch);
            final float[] out = new float[16];
            for (int i = 0; i < batch.length; i++) {
                java.reconstruct(batch[i], out);
                for (int j = 0; j < out.length; j++) {
                    assertEquals(djl[i][j], out[j], 1e-5, "window " + i + " point " + j);
                }
            }
        }
    }
}
