package dev.vigil.gateway;

import dev.vigil.ingest.DeadLetter;
import dev.vigil.ingest.DeadLetters;
import dev.vigil.ingest.DlqReason;
import dev.vigil.ingest.Telemetry;
import dev.vigil.topology.Topics;
import dev.vigil.topology.VigilSerdes;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what the MQTT and UDP gateways take in: telemetry to {@code telemetry} (key = device id, value = the
 * wire format) and rejected input to {@code telemetry-dlq}, each with a header {@code vigil-source} naming where it
 * came from. {@code onWritten} runs once Kafka acknowledged the record; a failed write is logged and never calls
 * it (an MQTT message then stays unacknowledged and the broker delivers it again).
 */
public final class GatewayWriter {

    public static final String SOURCE_HEADER = "vigil-source";
    private static final Logger LOG = LoggerFactory.getLogger(GatewayWriter.class);

    private final Producer<String, byte[]> producer;
    private final Serializer<Telemetry> telemetry = VigilSerdes.telemetry().serializer();
    private final Serializer<DeadLetter> deadLetters = VigilSerdes.deadLetter().serializer();

    public GatewayWriter(final Producer<String, byte[]> producer) {
        this.producer = producer;
    }

    public void telemetry(final Telemetry reading, final String source, final Runnable onWritten) {
        write(Topics.TELEMETRY, reading.deviceId(), telemetry.serialize(Topics.TELEMETRY, reading), source, onWritten);
    }

    public void deadLetter(final DlqReason reason, final String detail, final String source, final String key,
            final byte[] value, final long timestamp, final Runnable onWritten) {
        final DeadLetter letter = DeadLetters.of(reason, detail, Optional.empty(), timestamp,
                key == null ? null : key.getBytes(StandardCharsets.UTF_8), value);
        write(Topics.TELEMETRY_DLQ, key, deadLetters.serialize(Topics.TELEMETRY_DLQ, letter), source, onWritten);
    }

    private void write(final String topic, final String key, final byte[] value, final String source,
            final Runnable onWritten) {
        final ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
        record.headers().add(SOURCE_HEADER, source.getBytes(StandardCharsets.UTF_8));
        producer.send(record, (metadata, error) -> {
            if (error == null) {
                onWritten.run();
            } else {
                LOG.error("could not write a record from {} to {}: {}", source, topic, error.toString());
            }
        });
    }
}
