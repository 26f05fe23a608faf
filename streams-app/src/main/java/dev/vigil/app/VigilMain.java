package dev.vigil.app;

import dev.vigil.broker.LocalKafkaBroker;
import dev.vigil.config.VigilConfig;
import dev.vigil.feed.FeedEvent;
import dev.vigil.model.score.ModelArtifacts;
import dev.vigil.model.score.WindowScorer;
import dev.vigil.scoring.AnomalyRecord;
import dev.vigil.simulator.AnomalyKind;
import dev.vigil.simulator.Simulator;
import dev.vigil.simulator.SimulatorOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Vigil. Without {@code VIGIL_BOOTSTRAP_SERVERS} it first starts a real single-node Kafka broker on
 * 127.0.0.1; with {@code simulator.enabled} (the default) it also runs the device simulator. Stops cleanly on
 * Ctrl-C.
 */
public final class VigilMain {

    private static final Logger LOG = LoggerFactory.getLogger(VigilMain.class);

    private VigilMain() {
    }

    public static void main(final String[] args) throws InterruptedException {
        final VigilConfig config = VigilConfig.fromEnvironment(System.getenv());
        final Deque<AutoCloseable> resources = new ConcurrentLinkedDeque<>();
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            closeAll(resources);
            stopped.countDown();
        }, "vigil-shutdown"));
        try {
            final String bootstrap = bootstrapServers(config, resources);
            final WindowScorer scorer = config.isSet(VigilConfig.MODEL_PATH)
                    ? ModelArtifacts.load(Path.of(config.get(VigilConfig.MODEL_PATH))) : ModelArtifacts.loadDefault();
            resources.push(scorer);
            final VigilApp app = VigilApp.start(config, bootstrap, scorer);
            resources.push(app);
            if (config.getBoolean(VigilConfig.SIMULATOR_ENABLED)) {
                startSimulator(config, bootstrap, resources);
                resources.push(app.onAnomaly(VigilMain::print));
            }
            printWhereToLook(config, app, bootstrap, scorer);
        } catch (final RuntimeException e) {
            LOG.error("Vigil failed to start: {}", e.getMessage(), e);
            System.exit(1);
        }
        stopped.await();
    }

    private static String bootstrapServers(final VigilConfig config, final Deque<AutoCloseable> resources) {
        if (config.isSet(VigilConfig.BOOTSTRAP_SERVERS)) {
            return config.get(VigilConfig.BOOTSTRAP_SERVERS);
        }
        final LocalKafkaBroker broker = new LocalKafkaBroker(Path.of(config.get(VigilConfig.BROKER_DIR)),
                config.getInt(VigilConfig.BROKER_PORT), config.getInt(VigilConfig.BROKER_CONTROLLER_PORT)).start();
        resources.push(broker);
        LOG.info("started a local Kafka broker (KRaft) on {}", broker.bootstrapServers());
        return broker.bootstrapServers();
    }

    private static void startSimulator(final VigilConfig config, final String bootstrap,
            final Deque<AutoCloseable> resources) {
        final SimulatorOptions.Builder options = SimulatorOptions.builder(bootstrap)
                .devices(config.getInt(VigilConfig.SIMULATOR_PROBES), config.getInt(VigilConfig.SIMULATOR_DOOR_SENSORS),
                        config.getInt(VigilConfig.SIMULATOR_AIR_QUALITY))
                .interval(Duration.ofMillis(config.getLong(VigilConfig.SIMULATOR_INTERVAL_MS)))
                .anomalyRate(config.getDouble(VigilConfig.SIMULATOR_ANOMALY_RATE))
                .seed(config.getLong(VigilConfig.SIMULATOR_SEED));
        final String kinds = config.get(VigilConfig.SIMULATOR_KINDS);
        if (!kinds.isBlank()) {
            options.kinds(java.util.Arrays.stream(kinds.split(",")).map(AnomalyKind::parse).toList());
        }
        final Simulator simulator = new Simulator(options.build());
        resources.push(simulator);
        new Thread(simulator, "simulator").start();
    }

    private static void printWhereToLook(final VigilConfig config, final VigilApp app, final String bootstrap,
            final WindowScorer scorer) {
        final String base = "http://" + config.get(VigilConfig.HTTP_HOST) + ":" + app.httpPort();
        System.out.println();
        System.out.println("Vigil is running (model " + scorer.metadata().modelVersion() + ", Kafka " + bootstrap + ")");
        System.out.println("  dashboard:     " + base + "/");
        System.out.println("  health:        " + base + "/health");
        System.out.println("  a device:      " + base + "/api/devices/probe-1");
        System.out.println("  anomaly feed:  curl -sN -H 'Accept: text/event-stream' " + base + "/api/anomalies/stream");
        System.out.println("  topics:        telemetry -> scores, anomalies, telemetry-dlq");
        System.out.println("  anomalies are printed below as they are detected (after a "
                + config.get(VigilConfig.WARMUP_READINGS) + "-reading warm-up per device and metric).");
        System.out.println("Press Ctrl-C to stop.");
        System.out.println();
    }

    private static void print(final FeedEvent event) {
        final AnomalyRecord a = event.anomaly();
        System.out.printf(Locale.ROOT, "ANOMALY %-8s %-12s %s value=%.3f error=%.4f > %.4f (z=%.1f)%n", a.deviceId(),
                a.metric(), a.timestamp(), a.value(), a.reconstructionError(), a.threshold(), a.explanation().zScore());
    }

    private static void closeAll(final Deque<AutoCloseable> resources) {
        while (!resources.isEmpty()) {
            final AutoCloseable resource = resources.pop();
            try {
                resource.close();
            } catch (final Exception e) {
                LOG.warn("error while closing {}: {}", resource.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
