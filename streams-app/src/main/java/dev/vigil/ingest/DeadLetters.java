package dev.vigil.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/** Builds {@link DeadLetter}s from the bytes of a source record. */
public final class DeadLetters {

    private DeadLetters() {
    }

    public static DeadLetter of(final DlqReason reason, final String detail, final Optional<RecordMetadata> source,
            final long timestamp, final byte[] key, final byte[] value) {
        return new DeadLetter(reason, detail,
                source.map(RecordMetadata::topic).orElse(null),
                source.map(RecordMetadata::partition).orElse(-1),
                source.map(RecordMetadata::offset).orElse(-1L),
                timestamp,
                key == null ? null : utf8OrNull(key),
                value == null ? null : utf8OrNull(value),
                value == null ? null : Base64.getEncoder().encodeToString(value));
    }

    static String utf8OrNull(final byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (final CharacterCodingException e) {
            return null;
        }
    }
}
