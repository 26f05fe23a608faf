package dev.vigil.errors;

import dev.vigil.ingest.DlqReason;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record of a stream task that cannot be deserialised is sent to {@code telemetry-dlq} and skipped. Telemetry
 * is read as bytes and parsed by Vigil, so this covers the internal repartition topic. The global thread that
 * feeds the registry does not use this handler (Kafka Streams 4.3 always logs and skips there): an invalid
 * {@code devices} entry is skipped with a WARN naming its topic, partition and offset.
 */
public final class DeadLetterDeserializationExceptionHandler implements DeserializationExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterDeserializationExceptionHandler.class);

    private final DeadLetterRecords deadLetters = new DeadLetterRecords();

    @Override
    public Response handleError(final ErrorHandlerContext context, final ConsumerRecord<byte[], byte[]> record,
            final Exception exception) {
        LOG.warn("cannot read {}-{}@{}: {}; record sent to the dead-letter topic", context.topic(),
                context.partition(), context.offset(), exception.getMessage());
        return Response.resume(deadLetters.of(DlqReason.MALFORMED_JSON, context, exception,
                record.key(), record.value()));
    }

    @Override
    public void configure(final Map<String, ?> configs) {
        // nothing to configure
    }
}
