package dev.vigil.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.serde.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
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

    private final ObjectMapper mapper = Json.mapper();
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
            return oversized(value.length);
        }
        final JsonNode root;
        try {
            root = mapper.readTree(value);
        } catch (final IOException e) {
            return invalid(DlqReason.MALFORMED_JSON, firstLine(e.getMessage()));
        }
        return parse(key == null ? null : new String(key, StandardCharsets.UTF_8), root, value.length, nowMs);
    }

    /** Validates a message that is already a JSON tree of {@code sizeBytes} bytes (e.g. one item of an HTTP batch). */
    public ParseResult parse(final String key, final JsonNode root, final int sizeBytes, final long nowMs) {
        if (sizeBytes > limits.maxBytes()) {
            return oversized(sizeBytes);
        }
        if (root == null || !root.isObject()) {
            return invalid(DlqReason.MALFORMED_JSON, "expected a JSON object");
        }
        return parseObject(key, root, nowMs);
    }

    private ParseResult oversized(final int bytes) {
        return invalid(DlqReason.OVERSIZED, bytes + " bytes, limit " + limits.maxBytes());
    }

    private ParseResult parseObject(final String key, final JsonNode root, final long nowMs) {
        final JsonNode idNode = root.get(DEVICE_ID);
        if (idNode != null && !idNode.isNull() && !idNode.isTextual()) {
            return invalid(DlqReason.INVALID_DEVICE_ID, "deviceId must be a string");
        }
        final String bodyId = idNode == null || idNode.isNull() ? null : idNode.asText();
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
        final Object timestamp = timestamp(root.get(TIMESTAMP), nowMs);
        if (timestamp instanceof ParseResult.Invalid invalid) {
            return invalid;
        }
        final Object readings = readings(root);
        if (readings instanceof ParseResult.Invalid invalid) {
            return invalid;
        }
        @SuppressWarnings("unchecked")
        final Map<String, Double> values = (Map<String, Double>) readings;
        return new ParseResult.Valid(new Telemetry(deviceId, (Instant) timestamp, values), keyId == null);
    }

    /** An {@link Instant}, or a {@link ParseResult.Invalid}. */
    private Object timestamp(final JsonNode node, final long nowMs) {
        if (node == null || node.isNull()) {
            return invalid(DlqReason.MISSING_TIMESTAMP, "no timestamp field");
        }
        final Instant instant;
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            instant = Instant.ofEpochMilli(node.asLong());
        } else if (node.isTextual()) {
            try {
                instant = OffsetDateTime.parse(node.asText()).toInstant();
            } catch (final DateTimeParseException e) {
                return invalid(DlqReason.INVALID_TIMESTAMP, "'" + abbreviate(node.asText())
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

    /** A map of readings, or a {@link ParseResult.Invalid}. */
    private Object readings(final JsonNode root) {
        final Map<String, Double> readings = new LinkedHashMap<>();
        final JsonNode nested = root.get(READINGS);
        if (nested != null && !nested.isNull()) {
            if (!nested.isObject()) {
                return invalid(DlqReason.INVALID_READING, "readings must be an object of metric -> number");
            }
            final ParseResult.Invalid bad = collect(nested, readings, true);
            if (bad != null) {
                return bad;
            }
        }
        final ParseResult.Invalid bad = collect(root, readings, false);
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
     * Adds the numeric (or null) fields of {@code node}. In the nested object every field must be a reading; at
     * the top level only numbers and nulls are readings and other fields (strings, objects) are ignored.
     */
    private static ParseResult.Invalid collect(final JsonNode node, final Map<String, Double> into, final boolean strict) {
        final Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            final Map.Entry<String, JsonNode> field = fields.next();
            final String name = field.getKey();
            if (!strict && (name.equals(DEVICE_ID) || name.equals(TIMESTAMP) || name.equals(READINGS))) {
                continue;
            }
            final JsonNode value = field.getValue();
            if (!value.isNumber() && !value.isNull()) {
                if (strict) {
                    return invalid(DlqReason.INVALID_READING, "reading '" + abbreviate(name) + "' is not a number");
                }
                continue;
            }
            if (name.isBlank() || name.length() > MAX_METRIC_NAME) {
                return invalid(DlqReason.INVALID_READING, "metric name '" + abbreviate(name)
                        + "' must be 1 to " + MAX_METRIC_NAME + " characters");
            }
            if (value.isNull()) {
                into.put(name, null);
                continue;
            }
            final double d = value.asDouble();
            if (!Double.isFinite(d)) {
                return invalid(DlqReason.NON_FINITE_VALUE, "reading '" + name + "' is " + value.asText());
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
