package dev.vigil.it;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Produce and consume helpers for integration tests against the real broker. */
final class KafkaTestSupport {

    private KafkaTestSupport() {
    }

    /** Sends every record ({key, value} or {key, value, partition}) and waits for each acknowledgement. */
    static void produce(final String bootstrap, final String topic, final List<String[]> keyValues) throws Exception {
        final Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            final List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (final String[] kv : keyValues) {
                final Integer partition = kv.length > 2 ? Integer.valueOf(kv[2]) : null;
                sent.add(producer.send(new ProducerRecord<>(topic, partition, kv[0], kv[1])));
            }
            for (final java.util.concurrent.Future<?> f : sent) {
                f.get();
            }
        }
    }

    /**
     * Reads committed records of {@code topic} from the beginning until {@code done} holds for what was read, or
     * the timeout passes; returns what was read either way.
     */
    static <V> List<ConsumerRecord<String, V>> consumeUntil(final String bootstrap, final String topic,
            final Deserializer<V> valueDeserializer, final Duration timeout,
            final Predicate<List<ConsumerRecord<String, V>>> done) {
        final Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        final List<ConsumerRecord<String, V>> out = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(p, new StringDeserializer(), valueDeserializer)) {
            consumer.subscribe(List.of(topic));
            final Instant deadline = Instant.now().plus(timeout);
            while (Instant.now().isBefore(deadline) && !done.test(out)) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }
}
