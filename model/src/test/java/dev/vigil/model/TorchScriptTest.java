package dev.vigil.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.model.score.AutoencoderScorer;
import dev.vigil.model.score.ModelArtifacts;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Objects;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The fixture in src/test/resources/torchscript was written by model/python/train_autoencoder.py --fixture
 * (PyTorch 1.13, Debian's python3-torch): a traced module plus inputs and the outputs PyTorch computed.
 */
class TorchScriptTest {

    record Expected(float[][] inputs, float[][] outputs) {
    }

    @Test
    @DisplayName("DJL loads the TorchScript export and reproduces PyTorch's outputs within 1e-5")
    void reproducesPython() throws IOException, URISyntaxException {
        final Path dir = Path.of(Objects.requireNonNull(getClass().getResource("/torchscript/metadata.json")).toURI())
                .getParent();
        final Expected expected = new ObjectMapper().readValue(dir.resolve("expected.json").toFile(), Expected.class);
        try (AutoencoderScorer scorer = ModelArtifacts.load(dir)) {
            assertEquals(ModelMetadata.FORMAT_TORCHSCRIPT, scorer.metadata().format());
            final float[][] actual = scorer.reconstruct(expected.inputs());
            assertEquals(expected.outputs().length, actual.length);
            for (int i = 0; i < actual.length; i++) {
                for (int j = 0; j < actual[i].length; j++) {
                    assertEquals(expected.outputs()[i][j], actual[i][j], 1e-5, "row " + i + " column " + j);
                }
            }
        }
    }
}
