package dev.vigil.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.app.VigilApp;
import dev.vigil.config.VigilConfig;
import dev.vigil.scoring.AnomalyRecord;
import dev.vigil.testing.SseTestClient;
import dev.vigil.topology.Topics;
import dev.vigil.topology.VigilSerdes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Latency of an anomaly at a steady input rate: from the producer's send of a spiked reading to (1) its record on
 * {@code anomalies} (read_committed) and (2) its Server-Sent Event at the instance's feed. A local broker, one
 * Vigil instance (default settings: exactly_once_v2) and the load share this JVM and the machine's 2 cores.
 * Readings go to DEVICES devices round-robin at RATE per second; after every device's warm-up, one reading in
 * 2,001 is a spike (+20), each on another device. Each measurement window reports p50/p99; it asserts nothing.
 *
 * <pre>mvn -q -pl streams-app exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.vigil.bench.AnomalyLatencyBenchmark \
 *     -Dexec.args="RATE DEVICES WINDOW_SECONDS WINDOWS"      (defaults: 10000 1000 30 3)</pre>
 */
public final class AnomalyLatencyBenchmark {

    /**
     * Not a multiple of the device count: with 2,000 and 1,000 devices every spike hit dev-0, every other reading of
     * it, and the alarm hold-off then rightly merged them (session 4). With 2,001 the spikes move on by one device
     * each time (2,001 = 3 · 23 · 29: spread over DEVICES / gcd devices).
     */
    private static final int SPIKE_EVERY = 2_001;

    private AnomalyLatencyBenchmark() {
    }

    public static void main(final String[] args) throws Exception {
        final int rate = BenchRig.intArg(args, 0, 10_000);
        final int devices = BenchRig.intArg(args, 1, 1_000);
        final int windowSeconds = BenchRig.intArg(args, 2, 30);
        final int windows = BenchRig.intArg(args, 3, 3);
        final Map<String, Long> sent = new ConcurrentHashMap<>();
        final Map<String, Long> viaTopic = new ConcurrentHashMap<>();
        final Map<String, Long> viaSse = new ConcurrentHashMap<>();
        final AtomicBoolean running = new AtomicBoolean(true);
        try (BenchRig rig = BenchRig.start("vigil-latency-bench-")) {
            final String bootstrap = rig.bootstrap();
            final VigilApp app = rig.app(Map.of(VigilConfig.STATE_DIR, rig.dir().resolve("state").toString()));
            final Thread topicReader = new Thread(() -> readAnomalies(bootstrap, viaTopic, running));
            topicReader.start();
            final ObjectMapper json = new ObjectMapper();
            try (SseTestClient sse = new SseTestClient("http://127.0.0.1:" + app.httpPort() + "/api/anomalies/stream", null)) {
                final Thread sseReader = new Thread(() -> readSse(sse, json, viaSse, running));
                sseReader.start();
                final Thread producer = new Thread(() -> produce(bootstrap, rate, devices, sent, running));
                producer.start();
                final long warmupSeconds = Math.max(10, 60L * devices / rate + 10);
                Thread.sleep(warmupSeconds * 1000);
                System.out.printf(Locale.ROOT, "%,d readings/s over %,d devices; %d s warm-up%n", rate, devices, warmupSeconds);
                final List<double[]> results = new ArrayList<>();
                for (int w = 1; w <= windows; w++) {
                    final long from = System.nanoTime();
                    Thread.sleep(windowSeconds * 1000L);
                    final long to = System.nanoTime();
                    Thread.sleep(5_000); // let the window's last spikes arrive
                    final double[] topic = percentiles(sent, viaTopic, from, to);
                    final double[] feed = percentiles(sent, viaSse, from, to);
                    System.out.printf(Locale.ROOT, "window %d: %d spikes; anomalies topic p50 %.0f ms p99 %.0f ms "
                            + "(%d missing); SSE p50 %.0f ms p99 %.0f ms (%d missing)%n", w, (int) topic[2], topic[0],
                            topic[1], (int) topic[3], feed[0], feed[1], (int) feed[3]);
                    results.add(new double[] {topic[0], topic[1], feed[0], feed[1]});
                }
                final double[] med = Stats.medianPerColumn(results);
                System.out.printf(Locale.ROOT, "median of %d windows: anomalies topic p50 %.0f ms p99 %.0f ms; SSE p50 "
                        + "%.0f ms p99 %.0f ms%n", windows, med[0], med[1], med[2], med[3]);
                running.set(false);
                producer.join();
            } finally {
                running.set(false);
                app.close();
            }
        }
        System.exit(0);
    }

    /** Latencies (ms) of the spikes sent in [from, to): p50, p99, count, not arrived. */
    private static double[] percentiles(final Map<String, Long> sent, final Map<String, Long> arrived, final long from,
            final long to) {
        final List<Long> latencies = new ArrayList<>();
        int missing = 0;
        for (final Map.Entry<String, Long> s : sent.entrySet()) {
            if (s.getValue() >= from && s.getValue() < to) {
                final Long at = arrived.get(s.getKey());
                if (at == null) {
                    missing++;
                } else {
                    latencies.add(at - s.getValue());
                }
            }
        }
        final long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        if (sorted.length == 0) {
            return new double[] {Double.NaN, Double.NaN, 0, missing};
        }
        return new double[] {Stats.quantileMs(sorted, 0.5), Stats.quantileMs(sorted, 0.99),
                sorted.length + missing, missing};
    }

    private static void produce(final String bootstrap, final int rate, final int devices, final Map<String, Long> sent,
            final AtomicBoolean running) {
        final Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        final Random random = new Random(3);
        final long sliceNanos = 10_000_000L;
        final int perSlice = Math.max(1, rate / 100);
        final long spikesAfter = 60L * devices;
        long n = 0;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            long next = System.nanoTime();
            long lastMs = 0;
            while (running.get()) {
                final long nowMs = Math.max(System.currentTimeMillis(), lastMs + 1);
                lastMs = nowMs;
                for (int i = 0; i < perSlice; i++, n++) {
                    final String id = "dev-" + (n % devices);
                    final boolean spike = n > spikesAfter && n % SPIKE_EVERY == 0;
                    final double value = 20 + 0.2 * random.nextGaussian() + (spike ? 20 : 0);
                    // one timestamp per slice, so a device never repeats one within a slice (devices >= perSlice)
                    final String body = "{\"deviceId\":\"" + id + "\",\"timestamp\":" + nowMs + ",\"readings\":{\"temperature\":"
                            + String.format(Locale.ROOT, "%.3f", value) + "}}";
                    if (spike) {
                        sent.put(id + "@" + Instant.ofEpochMilli(nowMs), System.nanoTime());
                    }
                    producer.send(new ProducerRecord<>(Topics.TELEMETRY, id, body.getBytes(StandardCharsets.UTF_8)));
                }
                next += sliceNanos;
                final long wait = next - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void readAnomalies(final String bootstrap, final Map<String, Long> arrived, final AtomicBoolean running) {
        final Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "latency-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, AnomalyRecord> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                VigilSerdes.anomaly().deserializer())) {
            consumer.subscribe(List.of(Topics.ANOMALIES));
            while (running.get()) {
                for (final ConsumerRecord<String, AnomalyRecord> r : consumer.poll(Duration.ofMillis(20))) {
                    arrived.putIfAbsent(r.value().deviceId() + "@" + r.value().timestamp(), System.nanoTime());
                }
            }
        }
    }

    private static void readSse(final SseTestClient sse, final ObjectMapper json, final Map<String, Long> arrived,
            final AtomicBoolean running) {
        while (running.get()) {
            try {
                final SseTestClient.Event event = sse.next(Duration.ofMillis(200));
                if (event != null && "anomaly".equals(event.event())) {
                    final long at = System.nanoTime();
                    final JsonNode node = json.readTree(event.data());
                    arrived.putIfAbsent(node.get("deviceId").asText() + "@" + Instant.parse(node.get("timestamp").asText()), at);
                }
            } catch (final InterruptedException e) {
                return;
            } catch (final java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
