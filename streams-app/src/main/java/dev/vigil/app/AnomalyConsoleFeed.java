package dev.vigil.app;

import dev.vigil.scoring.AnomalyRecord;
import dev.vigil.topology.Topics;
import dev.vigil.topology.VigilSerdes;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** For the quick start: prints each committed record of {@code anomalies} as one line on standard output. */
final class AnomalyConsoleFeed implements Runnable, AutoCloseable {

    private final KafkaConsumer<String, AnomalyRecord> consumer;
    private final AtomicBoolean running = new AtomicBoolean(true);

    AnomalyConsoleFeed(final String bootstrapServers) {
        final Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "vigil-console-" + java.util.UUID.randomUUID());
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), VigilSerdes.anomaly().deserializer());
    }

    @Override
    public void run() {
        consumer.subscribe(List.of(Topics.ANOMALIES));
        try {
            while (running.get()) {
                for (final ConsumerRecord<String, AnomalyRecord> r : consumer.poll(Duration.ofMillis(500))) {
                    final AnomalyRecord a = r.value();
                    System.out.printf(Locale.ROOT, "ANOMALY %-8s %-12s %s value=%.3f error=%.4f > %.4f (z=%.1f)%n",
                            a.deviceId(), a.metric(), a.timestamp(), a.value(), a.reconstructionError(), a.threshold(),
                            a.explanation().zScore());
                }
            }
        } catch (final org.apache.kafka.common.errors.WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    @Override
    public void close() {
        running.set(false);
        consumer.wakeup();
    }
}
