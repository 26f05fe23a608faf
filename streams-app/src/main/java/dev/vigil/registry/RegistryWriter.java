package dev.vigil.registry;

import dev.vigil.topology.Topics;
import dev.vigil.topology.VigilSerdes;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes registry entries to the {@code devices} topic and returns once the broker acknowledged them. */
public final class RegistryWriter implements AutoCloseable {

    private final KafkaProducer<String, Device> producer;

    public RegistryWriter(final String bootstrapServers) {
        final Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "vigil-registry-writer");
        this.producer = new KafkaProducer<>(props, new StringSerializer(), VigilSerdes.device().serializer());
    }

    public void put(final String deviceId, final Device device) {
        try {
            producer.send(new ProducerRecord<>(Topics.DEVICES, deviceId, device)).get(10, TimeUnit.SECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing the registry", e);
        } catch (final ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the registry write was not acknowledged: " + e, e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
