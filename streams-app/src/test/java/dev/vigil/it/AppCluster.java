package dev.vigil.it;

import dev.vigil.app.VigilApp;
import dev.vigil.broker.LocalKafkaBroker;
import dev.vigil.config.VigilConfig;
import dev.vigil.model.score.WindowScorer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;

/** Starts Vigil instances on a test broker, each with its own state directory and HTTP port. */
final class AppCluster {

    private AppCluster() {
    }

    static VigilApp start(final LocalKafkaBroker broker, final WindowScorer scorer, final Path dir, final String name,
            final int httpPort, final Map<String, String> extra) {
        final Map<String, String> settings = new HashMap<>(Map.of(
                VigilConfig.STATE_DIR, dir.resolve("state-" + name).toString(),
                VigilConfig.HTTP_PORT, String.valueOf(httpPort),
                VigilConfig.WARMUP_READINGS, "20",
                VigilConfig.TOPICS_PARTITIONS, "6",
                "kafka.commit.interval.ms", "100"));
        settings.putAll(extra);
        return VigilApp.start(VigilConfig.of(settings), broker.bootstrapServers(), scorer);
    }

    static void awaitRunning(final VigilApp... apps) throws InterruptedException {
        final Instant deadline = Instant.now().plusSeconds(90);
        while (Instant.now().isBefore(deadline)) {
            boolean all = true;
            for (final VigilApp app : apps) {
                all &= app.state() == KafkaStreams.State.RUNNING;
            }
            if (all) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("instances did not reach RUNNING");
    }
}
