package dev.vigil.bench;

import dev.vigil.app.VigilApp;
import dev.vigil.broker.LocalKafkaBroker;
import dev.vigil.config.VigilConfig;
import dev.vigil.evaluate.ScratchDir;
import dev.vigil.model.score.AutoencoderScorer;
import dev.vigil.model.score.ModelArtifacts;
import dev.vigil.topology.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What every benchmark runs on: a scratch directory (deleted afterwards, with the broker's log and the state
 * stores in it), a local KRaft broker in it, and the shipped model.
 */
record BenchRig(ScratchDir scratch, LocalKafkaBroker broker, AutoencoderScorer scorer) implements AutoCloseable {

    static BenchRig start(final String prefix) throws IOException {
        final ScratchDir scratch = ScratchDir.temporary(prefix);
        try {
            final LocalKafkaBroker broker = new LocalKafkaBroker(scratch.path().resolve("kafka"), 0, 0).start();
            return new BenchRig(scratch, broker, ModelArtifacts.loadDefault());
        } catch (final RuntimeException e) {
            scratch.close();
            throw e;
        }
    }

    Path dir() {
        return scratch.path();
    }

    String bootstrap() {
        return broker.bootstrapServers();
    }

    /** A Vigil instance on this broker and model with {@code settings} (config keys) and a free HTTP port. */
    VigilApp app(final Map<String, String> settings) {
        final Map<String, String> all = new HashMap<>(settings);
        all.put(VigilConfig.HTTP_PORT, String.valueOf(LocalKafkaBroker.freePort()));
        return VigilApp.start(VigilConfig.of(all), bootstrap(), scorer);
    }

    /** One ~100-byte telemetry message of the benchmarks: nested reading, epoch-millisecond timestamp. */
    static byte[] reading(final String deviceId, final long epochMs, final double temperature) {
        return ("{\"deviceId\":\"" + deviceId + "\",\"timestamp\":" + epochMs + ",\"readings\":{\"temperature\":"
                + String.format(Locale.ROOT, "%.3f", temperature) + "}}").getBytes(StandardCharsets.UTF_8);
    }

    /** Vigil settings given as {@code KEY=VALUE} arguments from {@code index} on (README, "Configuration"). */
    static Map<String, String> settings(final String[] args, final int index) {
        final Map<String, String> settings = new java.util.LinkedHashMap<>();
        for (int i = index; i < args.length; i++) {
            final String[] kv = args[i].split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("expected SETTING=VALUE, got '" + args[i] + "'");
            }
            settings.put(kv[0], kv[1]);
        }
        return settings;
    }

    /**
     * Sends {@code readings} rounds of one {@link #reading} per device ({@code dev-0} ..), keyed by device id, one
     * second apart, ending a minute ago; returns when every record is acknowledged.
     */
    void produce(final int devices, final int readings) {
        final Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        final long t0 = System.currentTimeMillis() - (readings + 60L) * 1000;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            for (int r = 0; r < readings; r++) {
                for (int d = 0; d < devices; d++) {
                    final String id = "dev-" + d;
                    producer.send(new ProducerRecord<>(Topics.TELEMETRY, id,
                            reading(id, t0 + r * 1000L, 20 + (d % 13) * 0.1 + (r % 5) * 0.01)));
                }
            }
        }
    }

    /** Waits until application {@code appId} has committed {@code total} input offsets of {@code telemetry}. */
    void awaitCommitted(final String appId, final long total) throws Exception {
        final Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        try (Admin admin = Admin.create(p)) {
            while (true) {
                long committed = 0;
                for (final Map.Entry<TopicPartition, OffsetAndMetadata> e
                        : admin.listConsumerGroupOffsets(appId).partitionsToOffsetAndMetadata().get().entrySet()) {
                    if (e.getKey().topic().equals(Topics.TELEMETRY) && e.getValue() != null) {
                        committed += e.getValue().offset();
                    }
                }
                if (committed >= total) {
                    return;
                }
                Thread.sleep(200);
            }
        }
    }

    /** The integer argument at {@code index}, or {@code fallback} when there are fewer arguments. */
    static int intArg(final String[] args, final int index, final int fallback) {
        return args.length > index ? Integer.parseInt(args[index]) : fallback;
    }

    @Override
    public void close() throws IOException {
        try (ScratchDir s = scratch; LocalKafkaBroker b = broker; AutoencoderScorer m = scorer) {
            // closed in reverse order: the model, the broker, then the directory
        }
    }
}
