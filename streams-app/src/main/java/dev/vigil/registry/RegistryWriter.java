package dev.vigil.registry;

import dev.vigil.topology.Topics;
import dev.vigil.topology.VigilSerdes;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes registry entries to the {@code devices} topic and returns once the broker acknowledged them. */
public final class RegistryWriter {

    private final Producer<String, byte[]> producer;
    private final Serializer<Device> serializer = VigilSerdes.device().serializer();

    /** @param producer shared with the telemetry gateway; acks=all */
    public RegistryWriter(final Producer<String, byte[]> producer) {
        this.producer = producer;
    }

    /** A producer for the app's own writes: acks from all in-sync replicas, idempotent. */
    public static KafkaProducer<String, byte[]> producer(final String bootstrapServers) {
        final Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "vigil-http-writer");
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    public void put(final String deviceId, final Device device) {
        try {
            producer.send(new ProducerRecord<>(Topics.DEVICES, deviceId,
                    serializer.serialize(Topics.DEVICES, device))).get(10, TimeUnit.SECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing the registry", e);
        } catch (final ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the registry write was not acknowledged: " + e, e);
        }
    }

}
