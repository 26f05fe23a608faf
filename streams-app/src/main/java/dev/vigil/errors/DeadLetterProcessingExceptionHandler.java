package dev.vigil.errors;

import dev.vigil.ingest.DlqReason;
import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An unexpected exception in any processor sends the source record to {@code telemetry-dlq} with reason
 * {@code PROCESSING_ERROR} and lets the stream thread carry on.
 */
public final class DeadLetterProcessingExceptionHandler implements ProcessingExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProcessingExceptionHandler.class);

    private final DeadLetterRecords deadLetters = new DeadLetterRecords();

    @Override
    public Response handleError(final ErrorHandlerContext context, final Record<?, ?> record,
            final Exception exception) {
        LOG.error("processing failed at {} for {}-{}@{}; record sent to the dead-letter topic",
                context.processorNodeId(), context.topic(), context.partition(), context.offset(), exception);
        return Response.resume(deadLetters.of(DlqReason.PROCESSING_ERROR, context, exception,
                context.sourceRawKey(), context.sourceRawValue()));
    }

    @Override
    public void configure(final Map<String, ?> configs) {
        // nothing to configure
    }
}
