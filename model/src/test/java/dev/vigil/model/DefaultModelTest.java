package dev.vigil.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.model.score.AutoencoderScorer;
import dev.vigil.model.score.ModelArtifacts;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DefaultModelTest {

    @Test
    @DisplayName("the shipped default model loads offline and separates normal from spiked windows at 0.01")
    void defaultModel() {
        try (AutoencoderScorer scorer = ModelArtifacts.loadDefault()) {
            assertEquals(16, scorer.metadata().windowSize());
            assertEquals(0.01, scorer.metadata().defaultThreshold());
            final List<float[]> normal = ModelTestData.normalWindows(2024);
            final double[] normalErrors = ModelTestData.errors(scorer, normal);
            final long falseAlarms = Arrays.stream(normalErrors).filter(e -> e > 0.01).count();
            assertTrue(falseAlarms * 1000 <= normal.size(),
                    falseAlarms + " of " + normal.size() + " normal windows over 0.01");
            final double[] spiked = ModelTestData.errors(scorer,
                    normal.stream().map(w -> ModelTestData.spiked(w, 0.6f)).toList());
            assertTrue(Arrays.stream(spiked).allMatch(e -> e > 0.01),
                    "min spiked error " + Arrays.stream(spiked).min().orElseThrow());
        }
    }

    @Test
    @DisplayName("a batch of windows of the wrong size is refused with a clear message")
    void wrongWindowSize() {
        try (AutoencoderScorer scorer = ModelArtifacts.loadDefault()) {
            final RuntimeException e = assertThrows(RuntimeException.class,
                    () -> scorer.reconstruct(new float[][] {new float[5]}));
            assertTrue(String.valueOf(e.getMessage()).contains("5 points") || causeMentions(e, "5 points"), e::toString);
        }
    }

    private static boolean causeMentions(final Throwable e, final String text) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (String.valueOf(t.getMessage()).contains(text)) {
                return true;
            }
        }
        return false;
    }
}
