package dev.vigil.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The token-stream parser, on what a message can do that the topology tests do not try: fields in any order,
 * fields named twice, ignored structures, numbers at the edges. (Dead-letter reasons per kind of bad input are in
 * {@code ParsingTopologyTest}.)
 */
class TelemetryParserTest {

    private static final long NOW = Instant.parse("2026-11-22T10:00:00Z").toEpochMilli();
    private static final String T = "\"timestamp\":\"2026-11-22T09:00:00Z\"";

    private final TelemetryParser parser = new TelemetryParser(new TelemetryLimits(65_536, 64, 60_000));

    private ParseResult parse(final String key, final String json) {
        return parser.parse(key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                json.getBytes(StandardCharsets.UTF_8), NOW);
    }

    private Telemetry valid(final String key, final String json) {
        return assertInstanceOf(ParseResult.Valid.class, parse(key, json)).telemetry();
    }

    private ParseResult.Invalid invalid(final String key, final String json) {
        return assertInstanceOf(ParseResult.Invalid.class, parse(key, json));
    }

    @Test
    @DisplayName("nested readings come first, a flat field of the same name overrides in the nested one's place")
    void nestedThenFlat() {
        final Telemetry t = valid("p", "{\"humidity\":40,\"temperature\":20.5," + T
                + ",\"readings\":{\"temperature\":19.0,\"co2\":null},\"firmware\":\"1.2\"}");
        final Map<String, Double> expected = new LinkedHashMap<>();
        expected.put("temperature", 20.5);
        expected.put("co2", null);
        expected.put("humidity", 40.0);
        assertEquals(expected, t.readings());
        assertEquals(List.of("temperature", "co2", "humidity"), new ArrayList<>(t.readings().keySet()));
        assertEquals(Instant.parse("2026-11-22T09:00:00Z"), t.timestamp());
    }

    @Test
    @DisplayName("a field named twice keeps its last value, as a JSON tree would")
    void lastValueWins() {
        assertEquals(Map.of("t", 2.0), valid("p", "{" + T + ",\"t\":\"x\",\"t\":2}").readings());
        assertEquals(Map.of("t", 1.0), valid("p", "{" + T + ",\"t\":NaN,\"t\":1}").readings());
        assertEquals(Map.of("b", 2.0), valid("p", "{" + T + ",\"readings\":{\"a\":\"x\"},\"readings\":{\"b\":2}}")
                .readings());
        assertEquals("q", valid(null, "{\"deviceId\":7,\"deviceId\":\"q\"," + T + ",\"t\":1}").deviceId());
        assertEquals(Instant.ofEpochMilli(NOW - 1000),
                valid("p", "{\"timestamp\":true,\"timestamp\":" + (NOW - 1000) + ",\"t\":1}").timestamp());
    }

    @Test
    @DisplayName("the validator's order decides which problem is reported, not the order of the fields")
    void problemOrder() {
        // a bad nested reading and a missing device id: the device id is checked first
        assertEquals(DlqReason.MISSING_DEVICE_ID,
                invalid(null, "{\"readings\":{\"t\":\"warm\"}," + T + "}").reason());
        // a bad reading before a bad timestamp: the timestamp is checked first
        assertEquals(DlqReason.INVALID_TIMESTAMP,
                invalid("p", "{\"t\":NaN,\"timestamp\":\"yesterday\"}").reason());
        // a non-finite flat reading before a bad nested one: nested readings are checked first
        assertEquals(DlqReason.INVALID_READING,
                invalid("p", "{\"t\":NaN," + T + ",\"readings\":{\"u\":[1]}}").reason());
        assertEquals("reading 't' is NaN", invalid("p", "{\"t\":NaN," + T + "}").detail());
        assertEquals("reading 't' is Infinity", invalid("p", "{\"t\":1e999," + T + "}").detail());
    }

    @Test
    @DisplayName("objects, arrays and strings at the top level are skipped whole, whatever they hold")
    void ignoredStructures() {
        final Telemetry t = valid("p", "{\"meta\":{\"readings\":{\"x\":\"no\"},\"deviceId\":5,\"t\":NaN},"
                + "\"tags\":[1,{\"a\":[2]}],\"ok\":true," + T + ",\"t\":3}");
        assertEquals(Map.of("t", 3.0), t.readings());
        assertEquals("p", t.deviceId());
    }

    @Test
    @DisplayName("readings: null is no nested readings; anything but an object is an error")
    void readingsShape() {
        assertEquals(Map.of("t", 1.0), valid("p", "{\"readings\":null," + T + ",\"t\":1}").readings());
        assertEquals(DlqReason.INVALID_READING, invalid("p", "{\"readings\":7," + T + ",\"t\":1}").reason());
        assertEquals(DlqReason.INVALID_READING, invalid("p", "{\"readings\":[{\"t\":1}]," + T + "}").reason());
    }

    @Test
    @DisplayName("timestamps: epoch milliseconds as an integer only; a fraction or a huge integer is rejected")
    void timestampNumbers() {
        assertEquals(Instant.ofEpochMilli(NOW), valid("p", "{\"timestamp\":" + NOW + ",\"t\":1}").timestamp());
        assertEquals(DlqReason.INVALID_TIMESTAMP, invalid("p", "{\"timestamp\":" + NOW + ".5,\"t\":1}").reason());
        assertEquals(DlqReason.INVALID_TIMESTAMP,
                invalid("p", "{\"timestamp\":123456789012345678901234567890,\"t\":1}").reason());
        assertEquals(DlqReason.MISSING_TIMESTAMP, invalid("p", "{\"timestamp\":null,\"t\":1}").reason());
    }

    @Test
    @DisplayName("malformed JSON anywhere, even inside a skipped field, is MALFORMED_JSON; a non-object is too")
    void malformed() {
        final ParseResult.Invalid broken = invalid("p", "{\"meta\":{\"a\":[1,}," + T + ",\"t\":1}");
        assertEquals(DlqReason.MALFORMED_JSON, broken.reason());
        assertTrue(!broken.detail().contains("\n"), broken.detail());
        assertEquals(DlqReason.MALFORMED_JSON, invalid("p", "{" + T + ",\"t\":1").reason());
        assertEquals(DlqReason.MALFORMED_JSON, invalid("p", "   ").reason());
        assertEquals("expected a JSON object", invalid("p", "\"text\"").detail());
    }
}
