package dev.vigil.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.broker.TopicSetup;
import dev.vigil.command.CommandService;
import dev.vigil.config.VigilConfig;
import dev.vigil.feed.AnomalyFeed;
import dev.vigil.feed.AnomalyStreamHandler;
import dev.vigil.feed.FeedEvent;
import dev.vigil.fleet.FleetScales;
import dev.vigil.fleet.ScaleCounts;
import dev.vigil.http.HttpApp;
import dev.vigil.http.HttpServices;
import dev.vigil.ingest.TelemetryGateway;
import dev.vigil.ingest.TelemetryLimits;
import dev.vigil.ingest.TelemetryParser;
import dev.vigil.model.score.WindowScorer;
import dev.vigil.query.DeviceDirectory;
import dev.vigil.query.DeviceQueryService;
import dev.vigil.query.InstanceLocator;
import dev.vigil.query.RemoteInstances;
import dev.vigil.query.StoreReaders;
import dev.vigil.registry.RegistryWriter;
import dev.vigil.scoring.ScoringMetrics;
import dev.vigil.scoring.ScoringSettings;
import dev.vigil.serde.Json;
import dev.vigil.topology.StoreNames;
import dev.vigil.topology.Topics;
import dev.vigil.topology.VigilTopology;
import io.javalin.Javalin;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One Vigil instance: the Kafka Streams application, the anomaly feed and the HTTP server. */
public final class VigilApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(VigilApp.class);

    private final VigilConfig config;
    private final KafkaStreams streams;
    private final AnomalyFeed feed;
    private final KafkaProducer<String, byte[]> writer;
    private final ExecutorService sseSenders;
    private final KafkaStreamsMetrics streamsMetrics;
    private final Javalin http;
    private final Gateways gateways;

    private VigilApp(final VigilConfig config, final String bootstrapServers, final WindowScorer scorer,
            final int partitions) {
        this.config = config;
        final HostInfo self = advertised(config);
        final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(metrics);
        final ScoringSettings settings = ScoringSettings.from(config, scorer.metadata());
        this.streams = new KafkaStreams(VigilTopology.build(settings, TelemetryLimits.from(config), scorer,
                new ScoringMetrics(metrics), config.getInt(VigilConfig.COMMANDS_HISTORY)), StreamsSettings.from(config, bootstrapServers, self.host() + ":" + self.port()));
        // A thread that dies despite the handlers is replaced, never left dead.
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("stream thread failed; replacing it", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        this.streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(metrics);
        this.feed = new AnomalyFeed(bootstrapServers, config.getInt(VigilConfig.FEED_BUFFER_SIZE));
        this.writer = RegistryWriter.producer(bootstrapServers);
        this.gateways = new Gateways(config, writer);
        this.sseSenders = Executors.newCachedThreadPool(r -> {
            final Thread t = new Thread(r, "sse-sender");
            t.setDaemon(true);
            return t;
        });
        final ObjectMapper mapper = Json.mapper();
        final InstanceLocator locator = new InstanceLocator(streams, self);
        final StoreReaders stores = new StoreReaders(streams);
        final RemoteInstances remote = RemoteInstances.create(mapper);
        this.http = HttpApp.create(new HttpServices(streams::state,
                new DeviceQueryService(locator, stores, remote, config.getLong(VigilConfig.STANDBY_MAX_LAG),
                        settings.historyKept()),
                new DeviceDirectory(streams, locator, stores, remote, partitions),
                new RegistryWriter(writer),
                new TelemetryGateway(writer, new TelemetryParser(TelemetryLimits.from(config)), mapper,
                        config.getInt(VigilConfig.INGEST_HTTP_MAX_ITEMS), Clock.systemUTC()),
                new CommandService(writer, mapper, config.getMillis(VigilConfig.COMMANDS_TTL_MS), Clock.systemUTC(),
                        stores::registered),
                feed,
                new AnomalyStreamHandler(feed, config.getInt(VigilConfig.SSE_MAX_CLIENTS),
                        config.getMillis(VigilConfig.SSE_KEEPALIVE_MS), sseSenders),
                metrics, mapper));
    }

    /** Creates missing topics (if {@code topics.create}), then starts Kafka Streams, the feed and HTTP. */
    public static VigilApp start(final VigilConfig config, final String bootstrapServers, final WindowScorer scorer) {
        if (config.getBoolean(VigilConfig.TOPICS_CREATE)) {
            TopicSetup.ensureTopics(bootstrapServers, config.getInt(VigilConfig.TOPICS_PARTITIONS),
                    (short) config.getInt(VigilConfig.TOPICS_REPLICATION), Duration.ofSeconds(60));
        }
        final int partitions = TopicSetup.partitions(bootstrapServers, Topics.TELEMETRY);
        final VigilApp app = new VigilApp(config, bootstrapServers, scorer, partitions);
        app.streams.start();
        new Thread(app.feed, "anomaly-feed").start();
        app.gateways.start();
        app.http.start(config.get(VigilConfig.HTTP_HOST), config.getInt(VigilConfig.HTTP_PORT));
        return app;
    }

    /** {@code application.server} if set, else this instance's HTTP host and port. */
    static HostInfo advertised(final VigilConfig config) {
        final String configured = config.get(VigilConfig.APPLICATION_SERVER);
        return configured.isBlank()
                ? new HostInfo(config.get(VigilConfig.HTTP_HOST), config.getInt(VigilConfig.HTTP_PORT))
                : HostInfo.buildFromEndpoint(configured);
    }

    /** Calls {@code sink} with every new anomaly of the fleet, on the feed's thread (keep it quick). */
    public AnomalyFeed.Subscription onAnomaly(final java.util.function.Consumer<FeedEvent> sink) {
        return feed.subscribe(null, anomaly -> true, sink);
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /**
     * The typical noise scale of {@code metric} across the devices of {@code deviceType} as this instance's scoring
     * tasks see it now (its fleet-scales global store; NaN while fewer than {@link FleetScales#MIN_DEVICES} devices
     * are counted). Throws {@link org.apache.kafka.streams.errors.InvalidStateStoreException} while the store cannot
     * be read (the application is not running).
     */
    public double fleetScale(final String deviceType, final String metric) {
        return FleetScales.of(streams.store(StoreQueryParameters.fromNameAndType(StoreNames.FLEET_SCALES,
                QueryableStoreTypes.<String, ScaleCounts>keyValueStore())), System::currentTimeMillis)
                .scale(deviceType, metric);
    }

    /** The port the HTTP server listens on. */
    public int httpPort() {
        return http.port();
    }

    /** The UDP gateway's port, when it runs. */
    public int udpPort() {
        return gateways.udpPort();
    }

    /**
     * Stops this instance and leaves the consumer group, so that its partitions move to the other instances at once
     * rather than after the group's session timeout (45 s by default, during which they are neither processed nor
     * queryable; measured in BENCHMARKS.md, "State size and restore time").
     */
    @Override
    public void close() {
        gateways.close();
        http.stop();
        sseSenders.shutdownNow();
        feed.close();
        streamsMetrics.close();
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(30)));
        writer.close(Duration.ofSeconds(5));
    }
}
