package dev.vigil.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import dev.vigil.serde.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parses and validates the {@code telemetry} wire format (see the README): nested {@code readings} or flat
 * numeric fields, ISO-8601 or epoch-millisecond timestamps, device id from the key or the body.
 */
public final class TelemetryParser {

    public static final String DEVICE_ID = "deviceId";
    public static final String TIMESTAMP = "timestamp";
    public static final String READINGS = "readings";
    /** The earliest timestamp Vigil accepts. */
    public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

    /** What a device id may look like. */
    public static final Pattern DEVICE_ID_PATTERN = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");
    private static final int MAX_METRIC_NAME = 64;

    private final JsonFactory jsonFactory = Json.mapper().getFactory();
    private final TelemetryLimits limits;

    public TelemetryParser(final TelemetryLimits limits) {
        this.limits = limits;
    }

    /** Parses one record; {@code nowMs} bounds future timestamps. Never throws for bad input. */
    public ParseResult parse(final byte[] key, final byte[] value, final long nowMs) {
        if (value == null || value.length == 0) {
            return invalid(DlqReason.MALFORMED_JSON, "empty value");
        }
        if (value.length > limits.maxBytes()) {
            return invalid(DlqReason.OVERSIZED, value.length + " bytes, limit " + limits.maxBytes());
        }
        final TelemetryFields fields;
        try (JsonParser json = jsonFactory.createParser(value)) {
            fields = TelemetryFields.read(json);
        } catch (final IOException e) {
            return invalid(DlqReason.MALFORMED_JSON, firstLine(e.getMessage()));
        }
        if (fields == null) {
            return invalid(DlqReason.MALFORMED_JSON, "expected a JSON object");
        }
        return validate(key == null ? null : new String(key, StandardCharsets.UTF_8), fields, nowMs);
    }

    private ParseResult validate(final String key, final TelemetryFields fields, final long nowMs) {
        if (fields.deviceId() == TelemetryFields.WRONG_TYPE) {
            return invalid(DlqReason.INVALID_DEVICE_ID, "deviceId must be a string");
        }
        final String bodyId = (String) fields.deviceId();
        final String keyId = key == null || key.isEmpty() ? null : key;
        if (bodyId == null && keyId == null) {
            return invalid(DlqReason.MISSING_DEVICE_ID, "no record key and no deviceId field");
        }
        if (bodyId != null && keyId != null && !bodyId.equals(keyId)) {
            return invalid(DlqReason.KEY_MISMATCH, "key '" + keyId + "' but deviceId '" + bodyId + "'");
        }
        final String deviceId = bodyId != null ? bodyId : keyId;
        if (!DEVICE_ID_PATTERN.matcher(deviceId).matches()) {
            return invalid(DlqReason.INVALID_DEVICE_ID, "'" + abbreviate(deviceId) + "' must match "
                    + DEVICE_ID_PATTERN.pattern());
        }
        final Object timestamp = timestamp(fields.timestamp(), nowMs);
        if (timestamp instanceof ParseResult.Invalid invalid) {
            return invalid;
        }
        final Object readings = readings(fields);
        if (readings instanceof ParseResult.Invalid invalid) {
            return invalid;
        }
        @SuppressWarnings("unchecked")
        final Map<String, Double> values = (Map<String, Double>) readings;
        return new ParseResult.Valid(new Telemetry(deviceId, (Instant) timestamp, values), keyId == null);
    }

    /** An {@link Instant}, or a {@link ParseResult.Invalid}. */
    private Object timestamp(final Object field, final long nowMs) {
        if (field == null) {
            return invalid(DlqReason.MISSING_TIMESTAMP, "no timestamp field");
        }
        final Instant instant;
        if (field instanceof Long millis) {
            instant = Instant.ofEpochMilli(millis);
        } else if (field instanceof String text) {
            try {
                instant = OffsetDateTime.parse(text).toInstant();
            } catch (final DateTimeParseException e) {
                return invalid(DlqReason.INVALID_TIMESTAMP, "'" + abbreviate(text)
                        + "' is not ISO-8601 with an offset, e.g. 2026-11-22T10:00:00Z");
            }
        } else {
            return invalid(DlqReason.INVALID_TIMESTAMP, "timestamp must be an ISO-8601 string or epoch milliseconds");
        }
        if (instant.isBefore(EARLIEST)) {
            return invalid(DlqReason.IMPOSSIBLE_TIMESTAMP, instant + " is before " + EARLIEST
                    + " (epoch seconds sent as milliseconds?)");
        }
        final Instant latest = Instant.ofEpochMilli(nowMs).plusMillis(limits.maxFutureMs());
        if (instant.isAfter(latest)) {
            return invalid(DlqReason.IMPOSSIBLE_TIMESTAMP, instant + " is more than " + limits.maxFutureMs()
                    + " ms in the future");
        }
        return instant;
    }

    /** A map of readings (the nested ones first), or a {@link ParseResult.Invalid}. */
    private Object readings(final TelemetryFields fields) {
        final Map<String, Double> readings = new LinkedHashMap<>();
        if (fields.readings() == TelemetryFields.WRONG_TYPE) {
            return invalid(DlqReason.INVALID_READING, "readings must be an object of metric -> number");
        }
        if (fields.readings() instanceof Map<?, ?> nested) {
            final ParseResult.Invalid bad = collect(nested, readings, true);
            if (bad != null) {
                return bad;
            }
        }
        final ParseResult.Invalid bad = collect(fields.flat(), readings, false);
        if (bad != null) {
            return bad;
        }
        if (readings.isEmpty()) {
            return invalid(DlqReason.NO_READINGS, "no numeric reading in the message");
        }
        if (readings.size() > limits.maxReadings()) {
            return invalid(DlqReason.TOO_MANY_READINGS, readings.size() + " readings, limit " + limits.maxReadings());
        }
        return readings;
    }

    /**
     * Adds the numeric (or null) fields. In the nested object every field must be a reading; at the top level only
     * numbers and nulls are readings and other fields (strings, objects) are ignored.
     */
    private static ParseResult.Invalid collect(final Map<?, ?> fields, final Map<String, Double> into,
            final boolean strict) {
        for (final Map.Entry<?, ?> field : fields.entrySet()) {
            final String name = (String) field.getKey();
            final Object value = field.getValue();
            if (value == TelemetryFields.WRONG_TYPE) {
                if (strict) {
                    return invalid(DlqReason.INVALID_READING, "reading '" + abbreviate(name) + "' is not a number");
                }
                continue;
            }
            if (name.isBlank() || name.length() > MAX_METRIC_NAME) {
                return invalid(DlqReason.INVALID_READING, "metric name '" + abbreviate(name)
                        + "' must be 1 to " + MAX_METRIC_NAME + " characters");
            }
            final Double d = (Double) value;
            if (d != null && !Double.isFinite(d)) {
                return invalid(DlqReason.NON_FINITE_VALUE, "reading '" + name + "' is " + d);
            }
            into.put(name, d);
        }
        return null;
    }

    private static ParseResult.Invalid invalid(final DlqReason reason, final String detail) {
        return new ParseResult.Invalid(reason, detail);
    }

    /** The first line of an exception message (Jackson's go on with the source location). */
    static String firstLine(final String message) {
        final String m = String.valueOf(message);
        final int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private static String abbreviate(final String s) {
        return s.length() <= 64 ? s : s.substring(0, 61) + "...";
    }
}
