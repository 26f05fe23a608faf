package dev.vigil.bench;

import dev.vigil.app.StreamsSettings;
import dev.vigil.broker.TopicSetup;
import dev.vigil.config.VigilConfig;
import dev.vigil.ingest.TelemetryLimits;
import dev.vigil.model.ModelMetadata;
import dev.vigil.model.score.AutoencoderScorer;
import dev.vigil.model.score.WindowScorer;
import dev.vigil.scoring.ScoringMetrics;
import dev.vigil.scoring.ScoringSettings;
import dev.vigil.topology.Topics;
import dev.vigil.topology.VigilTopology;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * End-to-end throughput on a real local broker: (a) a raw pass-through (consume telemetry, produce one record
 * per input, no state), (b) Vigil's topology with the scorer replaced by a no-op, (c) the full pipeline, under a
 * processing guarantee. A run is timed from the Streams start until its committed input offsets reach the end of
 * {@code telemetry} (commit.interval.ms = 100 under both guarantees). It reports; it asserts nothing.
 *
 * <pre>mvn -q -pl streams-app exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.vigil.bench.PipelineBenchmark \
 *     -Dexec.args="READINGS DEVICES RUNS GUARANTEE [SETTING=VALUE ...]"
 *     (defaults: 2000000 10000 3 exactly_once_v2; settings as in the README's configuration table, e.g.
 *     state.store=rocksdb, or kafka.num.stream.threads=1 for Kafka Streams' own (Vigil's default is one thread
 *     per core); the warm-up is 20 readings unless warmup.readings=N is given)</pre>
 */
public final class PipelineBenchmark {

    private static final int PARTITIONS = 12;

    private PipelineBenchmark() {
    }

    public static void main(final String[] args) throws Exception {
        final int readings = BenchRig.intArg(args, 0, 2_000_000);
        final int devices = BenchRig.intArg(args, 1, 10_000);
        final int runs = BenchRig.intArg(args, 2, 3);
        final String guarantee = args.length > 3 ? args[3] : "exactly_once_v2";
        final Map<String, String> overrides = BenchRig.settings(args, 4);
        try (BenchRig rig = BenchRig.start("vigil-bench-")) {
            final Path dir = rig.dir();
            final AutoencoderScorer scorer = rig.scorer();
            final String bootstrap = rig.bootstrap();
            TopicSetup.ensureTopics(bootstrap, PARTITIONS, (short) 1, Duration.ofSeconds(60));
            createTopic(bootstrap, "bench-out");
            final double produceRate = produce(bootstrap, readings, devices);
            System.out.printf(Locale.ROOT, "produced %,d readings over %,d devices to %d partitions at %,.0f/s%n",
                    readings, devices, PARTITIONS, produceRate);
            final List<double[]> rates = new ArrayList<>();
            final List<double[]> threadCpu = new ArrayList<>();
            for (int run = 0; run < runs; run++) {
                final Run a = time(bootstrap, dir, "raw-" + run, guarantee, overrides, readings, passThrough());
                final Run b = time(bootstrap, dir, "noop-" + run, guarantee, overrides, readings,
                        vigil(new NoOpScorer(scorer.metadata())));
                final Run c = time(bootstrap, dir, "full-" + run, guarantee, overrides, readings, vigil(scorer));
                System.out.printf(Locale.ROOT, "run %d (%s): (a) pass-through %,.0f/s  (b) no-op scorer %,.0f/s  "
                        + "(c) full %,.0f/s  c/b %.2f  c/a %.2f%n", run + 1, guarantee, a.rate(), b.rate(), c.rate(),
                        c.rate() / b.rate(), c.rate() / a.rate());
                rates.add(new double[] {a.rate(), b.rate(), c.rate()});
                threadCpu.add(new double[] {a.threadMicros(), b.threadMicros(), c.threadMicros()});
            }
            final double[] med = Stats.medianPerColumn(rates);
            final double[] cpu = Stats.medianPerColumn(threadCpu);
            System.out.printf(Locale.ROOT, "median of %d (%s): (a) %,.0f/s  (b) %,.0f/s  (c) %,.0f/s; stream-thread CPU per "
                    + "reading (a) %.2f µs  (b) %.2f µs  (c) %.2f µs%n", runs, guarantee, med[0], med[1], med[2],
                    cpu[0], cpu[1], cpu[2]);
        }
    }

    /** One timed run: readings per second of wall time, and stream-thread CPU µs per reading. */
    private record Run(double rate, double threadMicros) {
    }

    /** Topology factory, so each run gets a fresh one. */
    private interface TopologySource {
        Topology build(VigilConfig config);
    }

    private static TopologySource passThrough() {
        return config -> {
            final StreamsBuilder builder = new StreamsBuilder();
            builder.stream(Topics.TELEMETRY, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                    .to("bench-out", Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
            return builder.build();
        };
    }

    private static TopologySource vigil(final WindowScorer scorer) {
        return config -> VigilTopology.build(ScoringSettings.from(config, scorer.metadata()), TelemetryLimits.from(config),
                scorer, new ScoringMetrics(new SimpleMeterRegistry()), config.getInt(VigilConfig.COMMANDS_HISTORY));
    }

    private static Run time(final String bootstrap, final Path dir, final String name, final String guarantee,
            final Map<String, String> overrides, final int readings, final TopologySource topology) throws Exception {
        final Map<String, String> settings = new LinkedHashMap<>(Map.of(VigilConfig.WARMUP_READINGS, "20"));
        settings.putAll(overrides);
        settings.putAll(Map.of(VigilConfig.APPLICATION_ID, "bench-" + name,
                VigilConfig.STATE_DIR, dir.resolve("state-" + name).toString(),
                VigilConfig.PROCESSING_GUARANTEE, guarantee));
        final VigilConfig config = VigilConfig.of(settings);
        final Properties props = StreamsSettings.from(config, bootstrap, "127.0.0.1:1");
        props.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
        // a run ends when its input offsets are committed: commit as often under both guarantees
        // (at_least_once would otherwise commit every 30 s and add up to 30 s to every run)
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        final CpuClock cpu = new CpuClock("bench-" + name + "-");
        final HeapTally heap = HeapTally.now();
        final long start = System.nanoTime();
        try (KafkaStreams streams = new KafkaStreams(topology.build(config), props)) {
            streams.start();
            final FirstCommit first = awaitCommitted(bootstrap, "bench-" + name, readings);
            final long end = System.nanoTime();
            final double seconds = (end - start) / 1e9;
            final double threadMicros = cpu.streamThreadsMicros() / readings;
            System.out.printf(Locale.ROOT, "  %s: %.1f s; CPU per reading: stream threads %.2f µs, whole JVM %.2f µs; "
                    + "stream thread time shares: %s%n", name, seconds, threadMicros, cpu.processMicros() / readings,
                    threadShares(streams));
            System.out.printf(Locale.ROOT, "    first commit seen after %.2f s (%,d readings); from there to the end "
                    + "%,.0f/s%n", (first.nanos() - start) / 1e9, first.committed(),
                    (readings - first.committed()) / ((end - first.nanos()) / 1e9));
            System.out.printf(Locale.ROOT, "    CPU µs per reading by thread: %s%n", cpu.busiestThreads(readings));
            System.out.printf(Locale.ROOT, "    heap: %s%n", heap.untilNow(readings, "reading"));
            return new Run(readings / seconds, threadMicros);
        }
    }

    /**
     * CPU time since construction: of the whole JVM (broker and producer included), and of the application's stream
     * threads (read while they are alive; they start after construction). Less sensitive than wall time to what
     * else the shared machine runs, so two builds can be compared by the CPU time a reading costs.
     */
    private static final class CpuClock {
        private final String threadPrefix;
        private final long processStart = ThreadTicks.processCpuNanos();
        private final Map<String, Long> ticksStart = ThreadTicks.byName();

        CpuClock(final String threadPrefix) {
            this.threadPrefix = threadPrefix;
        }

        double processMicros() {
            return (ThreadTicks.processCpuNanos() - processStart) / 1e3;
        }

        double streamThreadsMicros() {
            final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long nanos = 0;
            for (final ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (info != null && info.getThreadName().startsWith(threadPrefix)
                        && info.getThreadName().contains("-StreamThread-")) {
                    nanos += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
                }
            }
            return nanos / 1e3;
        }

        /** The JVM's threads (native ones too, from /proc) that used the most CPU since construction, by name. */
        String busiestThreads(final double readings) {
            return ThreadTicks.since(ticksStart, readings);
        }
    }

    /** Kafka Streams' own account of where its stream threads spent their time (recent window). */
    private static String threadShares(final KafkaStreams streams) {
        final StringBuilder out = new StringBuilder();
        for (final String ratio : List.of("poll-ratio", "process-ratio", "punctuate-ratio", "commit-ratio")) {
            streams.metrics().forEach((metricName, metric) -> {
                if (metricName.group().equals("stream-thread-metrics") && metricName.name().equals(ratio)) {
                    out.append(String.format(Locale.ROOT, "%s %.2f ", ratio.replace("-ratio", ""),
                            ((Number) metric.metricValue()).doubleValue()));
                }
            });
        }
        return out.toString().trim();
    }

    /** When the first committed input offsets were seen, and how many readings they covered. */
    private record FirstCommit(long nanos, long committed) {
    }

    private static FirstCommit awaitCommitted(final String bootstrap, final String group, final long total)
            throws Exception {
        final Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            final Instant deadline = Instant.now().plus(Duration.ofMinutes(20));
            FirstCommit first = null;
            while (Instant.now().isBefore(deadline)) {
                long committed = 0;
                final Map<TopicPartition, OffsetAndMetadata> offsets =
                        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                for (final Map.Entry<TopicPartition, OffsetAndMetadata> e : offsets.entrySet()) {
                    if (e.getKey().topic().equals(Topics.TELEMETRY) && e.getValue() != null) {
                        committed += e.getValue().offset();
                    }
                }
                if (first == null && committed > 0) {
                    first = new FirstCommit(System.nanoTime(), committed);
                }
                if (committed >= total) {
                    return first;
                }
                Thread.sleep(50);
            }
            throw new IllegalStateException(group + " did not finish within 20 minutes");
        }
    }

    private static double produce(final String bootstrap, final int readings, final int devices) throws Exception {
        final Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        final Random random = new Random(1);
        final Instant t0 = Instant.now().minusSeconds(readings / devices + 60L).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        final long start = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            final List<Future<?>> last = new ArrayList<>();
            for (int i = 0; i < readings; i++) {
                final int device = i % devices;
                final long second = i / devices;
                final String id = "dev-" + device;
                final byte[] json = BenchRig.reading(id, t0.plusSeconds(second).toEpochMilli(), 20 + 0.2 * random.nextGaussian());
                final Future<?> f = producer.send(new ProducerRecord<>(Topics.TELEMETRY, id, json));
                if (i % 100_000 == 0) {
                    last.add(f);
                }
            }
            producer.flush();
            for (final Future<?> f : last) {
                f.get();
            }
        }
        return readings / ((System.nanoTime() - start) / 1e9);
    }

    private static void createTopic(final String bootstrap, final String topic) throws Exception {
        final Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get();
            final Map<TopicPartition, OffsetSpec> request = new java.util.HashMap<>();
            for (int i = 0; i < PARTITIONS; i++) {
                request.put(new TopicPartition(topic, i), OffsetSpec.latest());
            }
            admin.listOffsets(request).all().get();
        }
    }

    /** Returns each window as its own reconstruction: everything but the model. */
    private static final class NoOpScorer implements WindowScorer {
        private final ModelMetadata metadata;

        NoOpScorer(final ModelMetadata metadata) {
            this.metadata = metadata;
        }

        @Override
        public float[][] reconstruct(final float[][] windows) {
            return windows;
        }

        @Override
        public ModelMetadata metadata() {
            return metadata;
        }

        @Override
        public void close() {
        }
    }
}
