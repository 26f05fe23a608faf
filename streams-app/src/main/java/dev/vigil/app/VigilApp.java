package dev.vigil.app;

import dev.vigil.broker.TopicSetup;
import dev.vigil.config.VigilConfig;
import dev.vigil.http.HttpApp;
import dev.vigil.ingest.TelemetryLimits;
import dev.vigil.model.score.WindowScorer;
import dev.vigil.query.DeviceQueryService;
import dev.vigil.query.InstanceLocator;
import dev.vigil.scoring.ScoringSettings;
import dev.vigil.serde.Json;
import dev.vigil.topology.VigilTopology;
import io.javalin.Javalin;
import java.net.http.HttpClient;
import java.time.Duration;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One Vigil instance: the Kafka Streams application and its HTTP server. */
public final class VigilApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(VigilApp.class);

    private final VigilConfig config;
    private final KafkaStreams streams;
    private final Javalin http;
    private final String bootstrapServers;

    /** Builds, but does not start, an instance on {@code bootstrapServers} scoring with {@code scorer}. */
    public VigilApp(final VigilConfig config, final String bootstrapServers, final WindowScorer scorer) {
        this.config = config;
        this.bootstrapServers = bootstrapServers;
        final HostInfo self = advertised(config);
        final ScoringSettings settings = ScoringSettings.from(config, scorer.metadata());
        this.streams = new KafkaStreams(VigilTopology.build(settings, TelemetryLimits.from(config), scorer),
                StreamsSettings.from(config, bootstrapServers, self.host() + ":" + self.port()));
        // A thread that dies despite the handlers is replaced, never left dead.
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("stream thread failed; replacing it", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        final DeviceQueryService devices = new DeviceQueryService(streams, new InstanceLocator(streams, self),
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build(), Json.mapper());
        this.http = HttpApp.create(streams::state, devices, Json.mapper());
    }

    /** {@code application.server} if set, else this instance's HTTP host and port. */
    static HostInfo advertised(final VigilConfig config) {
        final String configured = config.get(VigilConfig.APPLICATION_SERVER);
        return configured.isBlank()
                ? new HostInfo(config.get(VigilConfig.HTTP_HOST), config.getInt(VigilConfig.HTTP_PORT))
                : HostInfo.buildFromEndpoint(configured);
    }

    public VigilApp start() {
        if (config.getBoolean(VigilConfig.TOPICS_CREATE)) {
            TopicSetup.ensureTopics(bootstrapServers, config.getInt(VigilConfig.TOPICS_PARTITIONS),
                    (short) config.getInt(VigilConfig.TOPICS_REPLICATION), Duration.ofSeconds(60));
        }
        streams.start();
        http.start(config.get(VigilConfig.HTTP_HOST), config.getInt(VigilConfig.HTTP_PORT));
        return this;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** The port the HTTP server listens on (useful with {@code http.port=0}). */
    public int httpPort() {
        return http.port();
    }

    @Override
    public void close() {
        http.stop();
        streams.close(Duration.ofSeconds(30));
    }
}
