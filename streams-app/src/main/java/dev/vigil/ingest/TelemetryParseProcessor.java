package dev.vigil.ingest;

import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The first processor: raw bytes in; parsed telemetry (keyed by device id) or a {@link DeadLetter} out.
 * Works on bytes so that no deserialisation error can reach Kafka Streams' handlers.
 */
public final class TelemetryParseProcessor extends ContextualProcessor<byte[], byte[], String, Parsed> {

    private final TelemetryParser parser;

    public TelemetryParseProcessor(final TelemetryParser parser) {
        this.parser = parser;
    }

    @Override
    public void process(final Record<byte[], byte[]> record) {
        final ParseResult result = parser.parse(record.key(), record.value(), context().currentSystemTimeMs());
        if (result instanceof ParseResult.Valid valid) {
            context().forward(record.withKey(valid.telemetry().deviceId())
                    .withValue(Parsed.ok(valid.telemetry(), valid.rekey())));
        } else if (result instanceof ParseResult.Invalid invalid) {
            final DeadLetter letter = DeadLetters.of(invalid.reason(), invalid.detail(), context().recordMetadata(),
                    record.timestamp(), record.key(), record.value());
            context().forward(record.withKey(letter.key()).withValue(Parsed.rejected(letter)));
        }
    }
}
