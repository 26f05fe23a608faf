package dev.vigil.errors;

import dev.vigil.ingest.DeadLetter;
import dev.vigil.ingest.DeadLetters;
import dev.vigil.ingest.DlqReason;
import dev.vigil.topology.Topics;
import dev.vigil.topology.VigilSerdes;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/** Dead-letter records for Kafka Streams' exception handlers, from the raw source record they report. */
final class DeadLetterRecords {

    private final Serializer<DeadLetter> serializer = VigilSerdes.deadLetter().serializer();

    List<ProducerRecord<byte[], byte[]>> of(final DlqReason reason, final ErrorHandlerContext context,
            final Exception exception, final byte[] rawKey, final byte[] rawValue) {
        final DeadLetter letter = DeadLetters.of(reason, exception.getClass().getSimpleName() + ": "
                        + exception.getMessage() + " (at " + context.processorNodeId() + ")",
                Optional.of(metadata(context)), context.timestamp(), rawKey, rawValue);
        return List.of(new ProducerRecord<>(Topics.TELEMETRY_DLQ, rawKey,
                serializer.serialize(Topics.TELEMETRY_DLQ, letter)));
    }

    private static RecordMetadata metadata(final ErrorHandlerContext context) {
        return new RecordMetadata() {
            @Override
            public String topic() {
                return context.topic();
            }

            @Override
            public int partition() {
                return context.partition();
            }

            @Override
            public long offset() {
                return context.offset();
            }
        };
    }
}
