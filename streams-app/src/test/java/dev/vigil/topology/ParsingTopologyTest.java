package dev.vigil.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.ingest.DeadLetter;
import dev.vigil.ingest.DlqReason;
import dev.vigil.model.score.AutoencoderScorer;
import dev.vigil.model.score.ModelArtifacts;
import dev.vigil.state.DeviceState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every accepted form of the wire format reaches the device state; every malformed record reaches the DLQ. */
class ParsingTopologyTest {

    @AutoClose
    private static final AutoencoderScorer scorer = ModelArtifacts.loadDefault();
    @TempDir
    Path stateDir;
    private TopologyHarness harness;

    @BeforeEach
    void start() {
        harness = new TopologyHarness(scorer, stateDir, Map.of());
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    @DisplayName("nested readings, epoch millis, flat fields, a missing key and a null reading are all accepted")
    void acceptedVariants() {
        final Instant t0 = Instant.parse("2026-11-22T09:00:00Z");
        harness.telemetry.pipeInput("probe-7",
                "{\"deviceId\":\"probe-7\",\"timestamp\":\"2026-11-22T09:00:00Z\",\"readings\":{\"temperature\":25.1,\"humidity\":40.2}}");
        harness.telemetry.pipeInput("probe-7",
                "{\"deviceId\":\"probe-7\",\"timestamp\":" + t0.plusSeconds(1).toEpochMilli() + ",\"temperature\":25.3,\"firmware\":\"1.2\"}");
        harness.telemetry.pipeInput((String) null,
                "{\"deviceId\":\"probe-7\",\"timestamp\":\"2026-11-22T10:00:02+01:00\",\"readings\":{\"temperature\":25.2,\"humidity\":null}}");
        harness.telemetry.pipeInput("probe-7", "{\"timestamp\":\"2026-11-22T09:00:03Z\",\"temperature\":25.0}");

        assertTrue(harness.dlq.isEmpty(), () -> "unexpected dead letters " + harness.dlq.readValuesToList());
        final DeviceState state = harness.deviceStates().get("probe-7");
        assertEquals(4, state.messages());
        assertArrayEquals(new double[] {25.1, 25.3, 25.2, 25.0}, state.metrics().get("temperature").window(), 1e-12);
        assertEquals(t0, state.firstSeen());
        assertEquals(t0.plusSeconds(3), state.lastSeen());
        // humidity: 40.2, then null imputed with the running mean (40.2)
        assertArrayEquals(new double[] {40.2, 40.2}, state.metrics().get("humidity").window(), 1e-12);
        assertEquals(1, state.metrics().get("humidity").imputed());
        assertEquals(1, state.metrics().get("humidity").stats().count());
    }

    static List<Arguments> malformed() {
        final String ok = "\"timestamp\":\"2026-11-22T09:00:00Z\"";
        return List.of(
                Arguments.of("probe-1", "not json", DlqReason.MALFORMED_JSON),
                Arguments.of("probe-1", "[1,2,3]", DlqReason.MALFORMED_JSON),
                Arguments.of("probe-1", "", DlqReason.MALFORMED_JSON),
                Arguments.of("probe-1", "{\"deviceId\":\"probe-1\"," + ok + ",\"pad\":\"" + "x".repeat(70_000) + "\"}",
                        DlqReason.OVERSIZED),
                Arguments.of(null, "{" + ok + ",\"t\":1}", DlqReason.MISSING_DEVICE_ID),
                Arguments.of(null, "{\"deviceId\":\"bad id!\"," + ok + ",\"t\":1}", DlqReason.INVALID_DEVICE_ID),
                Arguments.of(null, "{\"deviceId\":42," + ok + ",\"t\":1}", DlqReason.INVALID_DEVICE_ID),
                Arguments.of("probe-1", "{\"deviceId\":\"probe-2\"," + ok + ",\"t\":1}", DlqReason.KEY_MISMATCH),
                Arguments.of("probe-1", "{\"deviceId\":\"probe-1\",\"t\":1}", DlqReason.MISSING_TIMESTAMP),
                Arguments.of("probe-1", "{\"deviceId\":\"probe-1\",\"timestamp\":\"yesterday\",\"t\":1}",
                        DlqReason.INVALID_TIMESTAMP),
                Arguments.of("probe-1", "{\"deviceId\":\"probe-1\",\"timestamp\":true,\"t\":1}", DlqReason.INVALID_TIMESTAMP),
                Arguments.of("probe-1", "{\"deviceId\":\"probe-1\",\"timestamp\":1763805600,\"t\":1}",
                        DlqReason.IMPOSSIBLE_TIMESTAMP),
                Arguments.of("probe-1", "{\"deviceId\":\"probe-1\",\"timestamp\":\"2030-01-01T00:00:00Z\",\"t\":1}",
                        DlqReason.IMPOSSIBLE_TIMESTAMP),
                Arguments.of("probe-1", "{\"deviceId\":\"probe-1\"," + ok + ",\"note\":\"hi\"}", DlqReason.NO_READINGS),
                Arguments.of("probe-1", "{\"deviceId\":\"probe-1\"," + ok + ",\"readings\":{\"t\":\"warm\"}}",
                        DlqReason.INVALID_READING),
                Arguments.of("probe-1", "{\"deviceId\":\"probe-1\"," + ok + ",\"readings\":[1]}", DlqReason.INVALID_READING),
                Arguments.of("probe-1", "{\"deviceId\":\"probe-1\"," + ok + ",\"t\":NaN}", DlqReason.NON_FINITE_VALUE),
                Arguments.of("probe-1", "{\"deviceId\":\"probe-1\"," + ok + ",\"t\":1e999}", DlqReason.NON_FINITE_VALUE),
                Arguments.of("probe-1", "{\"deviceId\":\"probe-1\"," + ok + ",\"readings\":{"
                        + manyReadings(65) + "}}", DlqReason.TOO_MANY_READINGS));
    }

    @ParameterizedTest(name = "{2}: {1}")
    @MethodSource("malformed")
    @DisplayName("each malformed record goes to the DLQ with its reason, original bytes and source position")
    void deadLetters(final String key, final String value, final DlqReason reason) {
        harness.telemetry.pipeInput(key, value);
        final List<DeadLetter> letters = harness.dlq.readValuesToList();
        assertEquals(1, letters.size());
        final DeadLetter letter = letters.get(0);
        assertEquals(reason, letter.reason(), letter.detail());
        assertEquals(Topics.TELEMETRY, letter.sourceTopic());
        assertEquals(0, letter.offset());
        assertEquals(key, letter.key());
        assertEquals(value, new String(Base64.getDecoder().decode(letter.valueBase64()), StandardCharsets.UTF_8));
        assertTrue(letter.detail() != null && !letter.detail().isBlank());
        assertTrue(harness.scores.isEmpty());
        assertNull(harness.deviceStates().get("probe-1"));
    }

    @Test
    @DisplayName("bytes that are not UTF-8 keep their exact bytes in base64")
    void binaryGarbage() {
        final var input = harness.driver.createInputTopic(Topics.TELEMETRY,
                new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer());
        final byte[] garbage = {(byte) 0xff, (byte) 0xfe, 0x00, 0x7b};
        input.pipeInput("probe-1", garbage);
        final DeadLetter letter = harness.dlq.readValue();
        assertEquals(DlqReason.MALFORMED_JSON, letter.reason());
        assertNull(letter.value());
        assertArrayEquals(garbage, Base64.getDecoder().decode(letter.valueBase64()));
    }

    @Test
    @DisplayName("a duplicate or older timestamp is refused per metric; the message's other readings still apply")
    void duplicatesAndOutOfOrder() {
        harness.telemetry.pipeInput("probe-1",
                "{\"deviceId\":\"probe-1\",\"timestamp\":\"2026-11-22T09:00:10Z\",\"readings\":{\"a\":1.0}}");
        harness.telemetry.pipeInput("probe-1",
                "{\"deviceId\":\"probe-1\",\"timestamp\":\"2026-11-22T09:00:10Z\",\"readings\":{\"a\":2.0,\"b\":5.0}}");
        harness.telemetry.pipeInput("probe-1",
                "{\"deviceId\":\"probe-1\",\"timestamp\":\"2026-11-22T09:00:05Z\",\"readings\":{\"a\":3.0}}");
        final List<DeadLetter> letters = harness.dlq.readValuesToList();
        assertEquals(List.of(DlqReason.DUPLICATE, DlqReason.OUT_OF_ORDER),
                letters.stream().map(DeadLetter::reason).toList());
        assertTrue(letters.get(0).detail().contains("[a]"), letters.get(0).detail());
        assertEquals(List.of(1L, 2L), letters.stream().map(DeadLetter::offset).toList(), "point at the refused records");
        final DeviceState state = harness.deviceStates().get("probe-1");
        assertArrayEquals(new double[] {1.0}, state.metrics().get("a").window());
        assertArrayEquals(new double[] {5.0}, state.metrics().get("b").window());
        assertEquals(2, state.rejectedReadings());
    }

    private static String manyReadings(final int n) {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ",").append("\"m").append(i).append("\":").append(i);
        }
        return sb.toString();
    }
}
