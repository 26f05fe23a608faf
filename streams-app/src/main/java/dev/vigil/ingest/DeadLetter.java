package dev.vigil.ingest;

/**
 * A value of the {@code telemetry-dlq} topic: what could not be used, why, and where it came from.
 *
 * @param value the original value as UTF-8 text, or null when it was not valid UTF-8
 * @param valueBase64 the original value's bytes, always, base64-encoded
 * @param timestamp the source record's Kafka timestamp (epoch ms)
 */
public record DeadLetter(
        DlqReason reason,
        String detail,
        String sourceTopic,
        int partition,
        long offset,
        long timestamp,
        String key,
        String value,
        String valueBase64) {
}
