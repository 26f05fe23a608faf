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

    /**
     * Starts VigilMain in its own JVM (so that a test can kill it) against {@code broker}, without the
     * simulator, logging to {@code dir/instance-NAME.log}. {@code settings} are config keys (env names derived).
     */
    static Process startProcess(final LocalKafkaBroker broker, final Path dir, final String name, final int httpPort,
            final Map<String, String> settings) throws java.io.IOException {
        final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        final ProcessBuilder builder = new ProcessBuilder(java, "-Xmx768m", "-Dai.djl.offline=true",
                "-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1",
                "-cp", System.getProperty("java.class.path"), "dev.vigil.app.VigilMain");
        final Map<String, String> env = builder.environment();
        env.put(VigilConfig.envName(VigilConfig.BOOTSTRAP_SERVERS), broker.bootstrapServers());
        env.put(VigilConfig.envName(VigilConfig.SIMULATOR_ENABLED), "false");
        env.put(VigilConfig.envName(VigilConfig.STATE_DIR), dir.resolve("state-" + name).toString());
        env.put(VigilConfig.envName(VigilConfig.HTTP_PORT), String.valueOf(httpPort));
        env.put(VigilConfig.envName(VigilConfig.WARMUP_READINGS), "20");
        env.put("VIGIL_KAFKA_COMMIT_INTERVAL_MS", "100");
        settings.forEach((k, v) -> env.put(VigilConfig.envName(k), v));
        return builder.redirectErrorStream(true).redirectOutput(dir.resolve("instance-" + name + ".log").toFile()).start();
    }

    /** Closes apps, then the model, then the broker, skipping what was never started. */
    static void closeAll(final Iterable<? extends AutoCloseable> apps, final AutoCloseable scorer,
            final AutoCloseable broker) {
        for (final AutoCloseable c : apps) {
            closeQuietly(c);
        }
        closeQuietly(scorer);
        closeQuietly(broker);
    }

    private static void closeQuietly(final AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (final Exception e) {
            throw new IllegalStateException("closing " + c + " failed", e);
        }
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
