package dev.vigil.ingest;

/** Why a record went to the dead-letter topic. The README lists each with an example. */
public enum DlqReason {
    /** A UDP packet that is not 17 big-endian float32 values (68 bytes). */
    MALFORMED_PACKET,
    /** The value is empty or not a JSON object. */
    MALFORMED_JSON,
    /** The value is larger than {@code telemetry.max.bytes}. */
    OVERSIZED,
    /** Neither the key nor the body names a device. */
    MISSING_DEVICE_ID,
    /** The device id is blank, longer than 128 characters, or has characters outside [A-Za-z0-9._:@-]. */
    INVALID_DEVICE_ID,
    /** The record key and the body's deviceId name different devices. */
    KEY_MISMATCH,
    /** The body has no timestamp. */
    MISSING_TIMESTAMP,
    /** The timestamp is neither ISO-8601 nor integral epoch milliseconds. */
    INVALID_TIMESTAMP,
    /** The timestamp is before 2000-01-01 or further in the future than {@code telemetry.max.future.ms}. */
    IMPOSSIBLE_TIMESTAMP,
    /** The message carries no reading. */
    NO_READINGS,
    /** More readings than {@code telemetry.max.readings}. */
    TOO_MANY_READINGS,
    /** A reading is not a number (or null), or its metric name is unusable. */
    INVALID_READING,
    /** A reading is NaN or infinite. */
    NON_FINITE_VALUE,
    /** A reading's timestamp equals the last one seen for that device and metric. */
    DUPLICATE,
    /** A reading's timestamp is older than the last one seen for that device and metric. */
    OUT_OF_ORDER,
    /** An unexpected error while processing the record (see detail); the stream thread carried on. */
    PROCESSING_ERROR
}
