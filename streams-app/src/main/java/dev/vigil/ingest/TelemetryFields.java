package dev.vigil.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one telemetry message says, read from a stream of JSON tokens in one pass, before any validation
 * ({@link TelemetryParser} judges it). Reading tokens rather than building a JSON tree first took a message from
 * about 0.78 to 0.63 µs ({@code ParserBenchmark}, BENCHMARKS.md).
 *
 * <p>The fields hold what a JSON tree would: a field named twice keeps its last value (and its first position),
 * and values of the wrong type are kept as {@link #WRONG_TYPE} so that the validator reports problems in its own
 * order, whatever their order in the message.
 *
 * @param deviceId null (absent or JSON null), a String, or {@link #WRONG_TYPE}
 * @param timestamp null (absent or JSON null), a Long, a String, or {@link #WRONG_TYPE}
 * @param readings the nested readings: null (absent or JSON null), {@link #WRONG_TYPE} (not an object), or a map
 *     like {@code flat}
 * @param flat the other top-level fields by name: a Double, null (JSON null), or {@link #WRONG_TYPE} (not a number)
 */
record TelemetryFields(Object deviceId, Object timestamp, Object readings, Map<String, Object> flat) {

    /** A value of a type the field does not take (e.g. a number as device id, a string as nested reading). */
    static final Object WRONG_TYPE = new Object();

    /**
     * Reads one JSON object from {@code parser}, or returns null when the document is not an object.
     *
     * @throws IOException when the JSON is malformed
     */
    static TelemetryFields read(final JsonParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        Object deviceId = null;
        Object timestamp = null;
        Object readings = null;
        final Map<String, Object> flat = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            final String name = parser.currentName();
            final JsonToken token = parser.nextToken();
            switch (name) {
                case TelemetryParser.DEVICE_ID -> deviceId = token == JsonToken.VALUE_STRING ? parser.getText()
                        : token == JsonToken.VALUE_NULL ? null : skip(parser);
                case TelemetryParser.TIMESTAMP -> timestamp = timestamp(parser, token);
                case TelemetryParser.READINGS -> readings = nested(parser, token);
                default -> flat.put(name, reading(parser, token));
            }
        }
        return new TelemetryFields(deviceId, timestamp, readings, flat);
    }

    private static Object nested(final JsonParser parser, final JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.START_OBJECT) {
            return skip(parser);
        }
        final Map<String, Object> nested = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            final String name = parser.currentName();
            nested.put(name, reading(parser, parser.nextToken()));
        }
        return nested;
    }

    private static Object timestamp(final JsonParser parser, final JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token == JsonToken.VALUE_STRING) {
            return parser.getText();
        }
        if (token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            return parser.getLongValue();
        }
        return skip(parser);
    }

    private static Object reading(final JsonParser parser, final JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
            return parser.getDoubleValue();
        }
        return skip(parser);
    }

    /** Skips a value of the wrong type (all of it, when it is an object or an array). */
    private static Object skip(final JsonParser parser) throws IOException {
        parser.skipChildren();
        return WRONG_TYPE;
    }
}
