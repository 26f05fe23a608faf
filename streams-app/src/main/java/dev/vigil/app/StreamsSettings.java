package dev.vigil.app;

import dev.vigil.config.VigilConfig;
import dev.vigil.errors.DeadLetterDeserializationExceptionHandler;
import dev.vigil.errors.DeadLetterProcessingExceptionHandler;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/** Kafka Streams properties derived from Vigil's configuration. */
public final class StreamsSettings {

    private StreamsSettings() {
    }

    /**
     * @param bootstrapServers the cluster to use (the configured one, or the embedded broker's)
     * @param applicationServer this instance's host:port for interactive queries
     */
    public static Properties from(final VigilConfig config, final String bootstrapServers,
            final String applicationServer) {
        return from(config, bootstrapServers, applicationServer, Runtime.getRuntime().availableProcessors());
    }

    /** As above, on a machine with {@code cores} processors. */
    static Properties from(final VigilConfig config, final String bootstrapServers, final String applicationServer,
            final int cores) {
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.get(VigilConfig.APPLICATION_ID));
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.STATE_DIR_CONFIG, config.get(VigilConfig.STATE_DIR));
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, config.get(VigilConfig.PROCESSING_GUARANTEE));
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, config.getInt(VigilConfig.TOPICS_REPLICATION));
        // Poll no longer than a batch may wait, so the flush punctuator runs on time when input is idle.
        props.put(StreamsConfig.POLL_MS_CONFIG, Math.min(100L, config.getLong(VigilConfig.BATCH_MAX_WAIT_MS)));
        // A scoring task reads two partitions (telemetry and the re-keyed repartition topic) that need no time
        // alignment: a device's readings all arrive on one of them. With any other value Kafka Streams 4.3 checks
        // every empty partition before each record and formats log text while doing so (19% of a stream thread's
        // samples in BENCHMARKS.md); -1 processes whatever is buffered without that check.
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingExceptionHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                DeadLetterDeserializationExceptionHandler.class);
        // 64 KB producer batches (Kafka's default is 16 KB): a reading sends a score and a device state and a history
        // entry to their own partitions, and with 16 KB those batches filled every ~50-100 records, each full batch
        // waking the producer's sender thread (its eventfd writes alone were 2.7% of the stream thread). 1M readings, run 2 of 2 (BENCHMARKS.md, session 6): exactly-once
        // 60.5-62.8k/s with 16 KB, 69.5k/s with 64 KB, 71.3k/s with 128 KB. The producer's 32 MB buffer holds an open
        // 64 KB batch for each of ~500 partitions. kafka.producer.batch.size overrides it.
        props.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 64 * 1024);
        // One stream thread per core, at most one per telemetry partition (Kafka Streams' default is one thread):
        // a stream thread is busy all the time at full load, so one thread leaves a core to the broker's and the
        // producers' threads only. On the project's 2-core machine, alternated with one thread (BENCHMARKS.md, "End to
        // end", session 21), 2 threads ran the full pipeline under exactly-once at 54.8-66.5k readings/s against
        // 51.6-60.6k, faster in 3 of 4 pairs; the standard command's medians 59.0k, 54.0k and 65.8k/s against 54.3k/s.
        // kafka.num.stream.threads overrides it.
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG,
                Math.max(1, Math.min(cores, config.getInt(VigilConfig.TOPICS_PARTITIONS))));
        props.putAll(config.kafkaOverrides());
        return props;
    }
}
