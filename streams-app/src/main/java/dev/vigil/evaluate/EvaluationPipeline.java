package dev.vigil.evaluate;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.app.VigilApp;
import dev.vigil.broker.LocalKafkaBroker;
import dev.vigil.broker.TopicSetup;
import dev.vigil.config.VigilConfig;
import dev.vigil.ingest.Telemetry;
import dev.vigil.model.score.WindowScorer;
import dev.vigil.registry.Device;
import dev.vigil.scoring.ScoreRecord;
import dev.vigil.serde.Json;
import dev.vigil.state.DeviceState;
import dev.vigil.topology.StoreNames;
import dev.vigil.topology.Topics;
import dev.vigil.topology.VigilSerdes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The real pipeline for an evaluation: a local KRaft broker and a Vigil instance (exactly-once, the given model),
 * both in this process on 127.0.0.1, fed with telemetry as the devices sent it (the readings keep their original
 * timestamps), and the {@code scores} read back once everything sent was processed.
 */
public final class EvaluationPipeline implements AutoCloseable {

    /** How long reading a device's states back from the changelog may take. */
    private static final Duration TIMEOUT_STATES = Duration.ofMinutes(2);

    private final LocalKafkaBroker broker;
    private final VigilApp app;
    private final KafkaProducer<String, byte[]> producer;
    private final String applicationId;
    private final ObjectMapper mapper = Json.mapper();

    private EvaluationPipeline(final LocalKafkaBroker broker, final VigilApp app,
            final KafkaProducer<String, byte[]> producer, final String applicationId) {
        this.broker = broker;
        this.app = app;
        this.producer = producer;
        this.applicationId = applicationId;
    }

    /** Starts a broker under {@code dir} and an instance with {@code overrides} (config keys). */
    public static EvaluationPipeline start(final Path dir, final WindowScorer scorer, final Map<String, String> overrides) {
        return start(dir, scorer, overrides, Map.of());
    }

    /**
     * Starts a broker under {@code dir}, registers {@code registry} (device id to registry entry) on {@code devices},
     * and then starts an instance with {@code overrides}, so that its registry holds every device before the first
     * reading. If the instance cannot start (a bad override), the broker and the producer are closed again.
     */
    public static EvaluationPipeline start(final Path dir, final WindowScorer scorer, final Map<String, String> overrides,
            final Map<String, Device> registry) {
        final LocalKafkaBroker broker = new LocalKafkaBroker(dir.resolve("kafka"), 0, 0).start();
        try {
            return start(broker, dir, scorer, overrides, registry);
        } catch (final RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    private static EvaluationPipeline start(final LocalKafkaBroker broker, final Path dir, final WindowScorer scorer,
            final Map<String, String> overrides, final Map<String, Device> registry) {
        final String applicationId = "vigil-eval-" + UUID.randomUUID();
        final Map<String, String> settings = new HashMap<>(Map.of(
                VigilConfig.APPLICATION_ID, applicationId,
                VigilConfig.STATE_DIR, dir.resolve("streams").toString(),
                VigilConfig.HTTP_PORT, String.valueOf(LocalKafkaBroker.freePort()),
                VigilConfig.TOPICS_PARTITIONS, "4",
                "kafka.commit.interval.ms", "100"));
        settings.putAll(overrides);
        final VigilConfig config = VigilConfig.of(settings);
        final Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        final KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(),
                new ByteArraySerializer());
        try {
            if (!registry.isEmpty()) {
                TopicSetup.ensureTopics(broker.bootstrapServers(), config.getInt(VigilConfig.TOPICS_PARTITIONS),
                        (short) config.getInt(VigilConfig.TOPICS_REPLICATION), Duration.ofSeconds(60));
                register(producer, registry);
            }
            return new EvaluationPipeline(broker, VigilApp.start(config, broker.bootstrapServers(), scorer), producer,
                    applicationId);
        } catch (final RuntimeException e) {
            producer.close(Duration.ofSeconds(5));
            throw e;
        }
    }

    private static void register(final KafkaProducer<String, byte[]> producer, final Map<String, Device> registry) {
        final ObjectMapper mapper = Json.mapper();
        try {
            for (final Map.Entry<String, Device> entry : registry.entrySet()) {
                producer.send(new ProducerRecord<>(Topics.DEVICES, entry.getKey(),
                        mapper.writeValueAsBytes(entry.getValue())));
            }
            producer.flush();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends one message (key = device id) in the {@code telemetry} wire format. */
    public void send(final Telemetry reading) {
        try {
            producer.send(new ProducerRecord<>(Topics.TELEMETRY, reading.deviceId(), mapper.writeValueAsBytes(reading)));
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits until the app has committed its position at the end of {@code telemetry} and no new score arrived for
     * {@code quiet} (the last micro-batch is flushed within batch.max.wait.ms), then returns every score.
     */
    public List<ScoreRecord> awaitScores(final Duration quiet, final Duration timeout) throws InterruptedException {
        producer.flush();
        final Properties p = committedFromStart();
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "eval-reader-" + UUID.randomUUID());
        final List<ScoreRecord> scores = new ArrayList<>();
        final Instant deadline = Instant.now().plus(timeout);
        final Properties adminProps = new Properties();
        adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (KafkaConsumer<String, ScoreRecord> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                VigilSerdes.score().deserializer()); Admin admin = Admin.create(adminProps)) {
            consumer.subscribe(List.of(Topics.SCORES));
            Instant lastNew = Instant.now();
            boolean caughtUp = false;
            while (Instant.now().isBefore(deadline)) {
                for (final ConsumerRecord<String, ScoreRecord> r : consumer.poll(Duration.ofMillis(200))) {
                    scores.add(r.value());
                    lastNew = Instant.now();
                }
                caughtUp = caughtUp || lag(admin) == 0;
                if (caughtUp && Duration.between(lastNew, Instant.now()).compareTo(quiet) >= 0) {
                    return scores;
                }
            }
        }
        throw new IllegalStateException("the pipeline did not finish within " + timeout + " (" + scores.size()
                + " scores read)");
    }

    /**
     * Every state of {@code deviceId} the {@code device-state} store wrote, oldest first, read back from the store's
     * changelog (committed records only): the pipeline writes the state at least once per message, so this is the
     * device's state message by message (while compaction has not yet dropped older ones; it never touches the
     * active 64 MB segment, which an evaluation run does not fill). Call after {@link #awaitScores}.
     */
    public List<DeviceState> deviceStates(final String deviceId) {
        final String changelog = StoreNames.changelog(applicationId, StoreNames.DEVICE_STATE);
        final Properties p = committedFromStart();
        final List<DeviceState> states = new ArrayList<>();
        try (KafkaConsumer<String, DeviceState> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                VigilSerdes.deviceState().deserializer())) {
            final List<TopicPartition> partitions = consumer.partitionsFor(changelog).stream()
                    .map(info -> new TopicPartition(changelog, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            final Instant deadline = Instant.now().plus(TIMEOUT_STATES);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("the changelog " + changelog + " was not read to its end within "
                            + TIMEOUT_STATES + " (" + states.size() + " states read)");
                }
                for (final ConsumerRecord<String, DeviceState> r : consumer.poll(Duration.ofMillis(200))) {
                    if (deviceId.equals(r.key()) && r.value() != null) {
                        states.add(r.value());
                    }
                }
            }
        }
        return states;
    }

    /** Settings of a consumer that reads this broker's committed records from the beginning. */
    private Properties committedFromStart() {
        final Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return p;
    }

    /** Records of {@code telemetry} the app has not committed yet. */
    private long lag(final Admin admin) throws InterruptedException {
        try {
            final Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
                    .partitionsToOffsetAndMetadata().get();
            final Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            admin.describeTopics(List.of(Topics.TELEMETRY)).allTopicNames().get().get(Topics.TELEMETRY).partitions()
                    .forEach(part -> request.put(new TopicPartition(Topics.TELEMETRY, part.partition()), OffsetSpec.latest()));
            long lag = 0;
            for (final var end : admin.listOffsets(request).all().get().entrySet()) {
                final OffsetAndMetadata position = committed.get(end.getKey());
                lag += end.getValue().offset() - (position == null ? 0 : position.offset());
            }
            return lag;
        } catch (final ExecutionException e) {
            return Long.MAX_VALUE;
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        app.close();
        broker.close();
    }
}
