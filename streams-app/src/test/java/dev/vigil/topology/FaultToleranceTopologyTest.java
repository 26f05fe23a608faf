package dev.vigil.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.ingest.DeadLetter;
import dev.vigil.ingest.DlqReason;
import dev.vigil.model.ModelMetadata;
import dev.vigil.model.score.AutoencoderScorer;
import dev.vigil.model.score.ModelArtifacts;
import dev.vigil.model.score.WindowScorer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failures end in the dead-letter topic and processing goes on. */
class FaultToleranceTopologyTest {

    @AutoClose
    private static final AutoencoderScorer model = ModelArtifacts.loadDefault();
    @TempDir
    Path stateDir;

    /** The real model, made to fail on demand (fault injection). */
    private static final class FailingScorer implements WindowScorer {
        final AtomicBoolean failing = new AtomicBoolean(true);

        @Override
        public float[][] reconstruct(final float[][] windows) {
            if (failing.get()) {
                throw new IllegalStateException("injected model failure");
            }
            return model.reconstruct(windows);
        }

        @Override
        public ModelMetadata metadata() {
            return model.metadata();
        }

        @Override
        public void close() {
        }
    }

    @Test
    @DisplayName("a failing model sends the batch's readings to the DLQ; later batches are scored again")
    void modelFailure() {
        final FailingScorer scorer = new FailingScorer();
        try (TopologyHarness h = new TopologyHarness(scorer, stateDir, Map.of("batch.max.size", "2"))) {
            h.sendSeries("probe-1", "temperature", TopologyHarness.normal(21, 25, 0.2, 1));
            final List<DeadLetter> letters = h.dlq.readValuesToList();
            assertEquals(2, letters.size());
            assertTrue(letters.stream().allMatch(l -> l.reason() == DlqReason.PROCESSING_ERROR
                    && l.detail().contains("injected model failure")), letters::toString);
            assertTrue(letters.get(0).value().contains("\"deviceId\":\"probe-1\""), "the reading is kept");
            scorer.failing.set(false);
            h.sendSeries("probe-1", "temperature", TopologyHarness.normal(2, 25, 0.2, 2));
            assertEquals(2, h.scores.readValuesToList().size());
        }
    }

    @Test
    @DisplayName("an invalid registry entry is skipped (global thread: logged, not DLQ'd) and keeps the previous value")
    void invalidRegistryEntry() {
        try (TopologyHarness h = new TopologyHarness(model, stateDir, Map.of())) {
            h.devices.pipeInput("dev", "{\"name\":\"D\",\"type\":\"probe\"}");
            h.devices.pipeInput("dev", "{\"name\":\"x\",\"type\":\"other\",\"threshold\":-1}");
            h.devices.pipeInput("dev", "not json");
            h.sendSeries("dev", "t", TopologyHarness.normal(21, 25, 0.2, 3));
            h.flush();
            assertEquals("probe", h.scores.readValuesToList().get(0).deviceType(), "the valid entry still applies");
            assertTrue(h.dlq.isEmpty(), "Kafka Streams 4.3 does not route global-store errors to a DLQ");
        }
    }
}
