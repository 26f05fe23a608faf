package dev.vigil.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.model.Normalisation;
import dev.vigil.scoring.HistoryScoreCodec;
import dev.vigil.scoring.ScoreRecord;
import dev.vigil.state.AnomalySummary;
import dev.vigil.state.DeviceState;
import dev.vigil.state.Envelope;
import dev.vigil.state.ErrorPeak;
import dev.vigil.state.DeviceStateCodec;
import dev.vigil.state.MetricState;
import dev.vigil.state.RunningStats;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BinarySerdeTest {

    private final BinarySerde<DeviceState> states = new BinarySerde<>(new DeviceStateCodec(), DeviceState.class);
    private final BinarySerde<ScoreRecord> scores = new BinarySerde<>(new HistoryScoreCodec(), ScoreRecord.class);

    @Test
    @DisplayName("a device state round trips field for field: nulls, NaN, nanoseconds, non-ASCII names, metric order")
    void deviceStateRoundTrip() throws Exception {
        final DeviceState state = state();
        final byte[] bytes = states.serializer().serialize("device-state", state);
        assertEquals(BinarySerde.MAGIC, bytes[0]);
        assertEquals(5, bytes[1]);
        final DeviceState back = states.deserializer().deserialize("device-state", bytes);
        assertEquals(Json.mapper().writeValueAsString(state), Json.mapper().writeValueAsString(back));
        assertEquals(Arrays.asList("température", "door"), back.metrics().keySet().stream().toList());
        assertTrue(Double.isNaN(back.metrics().get("température").warmup()[1]));
        assertNull(back.metrics().get("door").varies());
        assertNull(back.metrics().get("door").lastValue());
    }

    @Test
    @DisplayName("the binary layout is smaller than the Smile it replaces, which it still reads")
    void readsSmile() throws Exception {
        final DeviceState state = state();
        final byte[] smile = JsonSerde.binary(DeviceState.class).serializer().serialize("device-state", state);
        final byte[] binary = states.serializer().serialize("device-state", state);
        assertTrue(binary.length < smile.length, binary.length + " bytes vs Smile's " + smile.length);
        assertEquals(Json.mapper().writeValueAsString(state),
                Json.mapper().writeValueAsString(states.deserializer().deserialize("device-state", smile)));
        final ScoreRecord score = score("ae-1", null);
        assertEquals(score, scores.deserializer().deserialize("score-history",
                JsonSerde.binary(ScoreRecord.class).serializer().serialize("score-history", score)));
    }

    @Test
    @DisplayName("a device state written with layout version 1 (before device movements) still reads, with no movement")
    void readsLayoutVersion1() {
        // written by DeviceStateCodec version 1 (commit fc518de): probe-7, one metric, a last anomaly
        final DeviceState back = written("56010000000770726f62652d3701000000006b02bd2000000000010000"
                + "00006b02bd2200000000000000000000000300000000000000000000000000000001000000010000000b74656d7065726174"
                + "75726500000003403419999999999a40344000000000004033e00000000000000000000000000340341333333333333fb1eb8"
                + "51eb851ec0000000000000003000000000000000101000000006b02bd2200000000014033e000000000000101403380000000"
                + "00004034800000000000000000013ff8000000000000010000000400000002010000000000000002010000000b74656d70"
                + "65726174757265" + "01000000006b02bd210000000040398000000000003fa16872b020c49c3f847ae147ae147b");
        assertEquals("probe-7", back.deviceId());
        assertEquals(3, back.messages());
        final MetricState metric = back.metrics().get("temperature");
        assertEquals(new Normalisation(19.5, 20.5), metric.learned());
        assertEquals(2, metric.lastAlarm());
        assertEquals(0, metric.movementExcursion());
        assertEquals(0, metric.movementExcursions().length);
        assertEquals(0, back.movedAt());
        assertEquals(0, back.movements());
        assertEquals(25.5, back.lastAnomaly().value());
    }

    @Test
    @DisplayName("a device state written with layout version 2 (before envelopes) still reads, with no envelope yet")
    void readsLayoutVersion2() {
        // written by DeviceStateCodec version 2 (commit 91b9613): probe-8, one metric past warm-up, a full window
        final DeviceState back = written("56020000000770726f62652d3801000000006b02bd200000000001000000006b02bd5b00000000000000000000003c000000"
                + "00000000000000000000000000000000010000000b74656d7065726174757265000000104034000000000000403420000000"
                + "0000403440000000000040346000000000004034800000000000403400000000000040342000000000004034400000000000"
                + "4034600000000000403480000000000040340000000000004034200000000000403440000000000040346000000000004034"
                + "8000000000004034000000000000000000000000003c40344000000000003ff8000000000000000000000000003c00000000"
                + "0000000001000000006b02bd5b00000000014034000000000000000140338000000000004035000000000000000000014034"
                + "0000000000000000000001000000000100000000000000000000000000000000000000000000000000000000000000000000"
                + "0000000000000000000000");
        assertEquals("probe-8", back.deviceId());
        final MetricState metric = back.metrics().get("temperature");
        assertEquals(16, metric.window().length);
        assertEquals(new Normalisation(19.5, 21.0), metric.learned());
        assertEquals(Boolean.TRUE, metric.varies());
        assertNull(metric.envelope());
    }

    @Test
    @DisplayName("a device state written with layout version 3 (before error peaks) still reads, with no peak yet")
    void readsLayoutVersion3() {
        // written by DeviceStateCodec version 3 (commit e047396): probe-9, one metric past warm-up, an envelope
        final DeviceState back = written("56030000000770726f62652d3901000000006b14a5800000000001000000006b14a5cf000000000000000000000050000000"
                + "00000000000000000000000001000000010000000b74656d7065726174757265000000104034000000000000403420000000"
                + "0000403440000000000040346000000000004034000000000000403420000000000040344000000000004034600000000000"
                + "4034000000000000403420000000000040344000000000004034600000000000403400000000000040342000000000004034"
                + "4000000000004034600000000000000000000000005040343333333333333ff8000000000000000000000000005000000000"
                + "0000000001000000006b14a5cf00000000014034600000000000000140338000000000004035000000000000000000000100"
                + "00000100000000010000000000000040000000000000000000000000014033c0000000000040348000000000000000000000"
                + "000000000000000000000000000000000000000000");
        assertEquals("probe-9", back.deviceId());
        final MetricState metric = back.metrics().get("temperature");
        assertEquals(new Normalisation(19.5, 21.0), metric.learned());
        assertEquals(64, metric.lastAlarm());
        assertEquals(new Envelope(19.75, 20.5, null), metric.envelope());
        assertNull(metric.peak());
    }

    @Test
    @DisplayName("a device state written with layout version 4 (before a run could be resting) still reads, not resting")
    void readsLayoutVersion4() {
        // written by DeviceStateCodec version 4 (commit 6d0eb97): door-12's light, a run of 7 zeros, envelope and peak
        final DeviceState back = written("560400000007646f6f722d313201000000006b1682b10000000001000000006b1683a00000000000000000000000f0000000"
                + "0000000000000000000000000000000001000000056c69676874000000083fe0000000000000000000000000000000000000"
                + "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
                + "00f03ff4000000000000403e00000000000000000000000000f0000000000000000001000000006b1683a000000000010000"
                + "0000000000000001c00000000000000040100000000000000000000001000000070000000001000000000000000c00000000"
                + "0000000000000000010000000000000000402300000000000000013f947ae147ae147b00000000000000e600000000000000"
                + "e500000000000000000000000000000000000000000000000000");
        assertEquals("door-12", back.deviceId());
        final MetricState metric = back.metrics().get("light");
        assertEquals(7, metric.sameRun());
        assertFalse(metric.resting());
        assertEquals(0, metric.missingRun());
        assertEquals(Boolean.TRUE, metric.varies());
        assertEquals(12, metric.lastAlarm());
        assertEquals(new Envelope(0.0, 9.5, null), metric.envelope());
        assertEquals(new ErrorPeak(0.02, 230, 229), metric.peak());
    }

    @Test
    @DisplayName("a history score round trips, null strings included")
    void scoreRoundTrip() {
        for (final ScoreRecord score : new ScoreRecord[] {score("ae-1", "autoencoder"), score(null, null)}) {
            assertEquals(score, scores.deserializer().deserialize("score-history",
                    scores.serializer().serialize("score-history", score)));
        }
    }

    @Test
    @DisplayName("a lone surrogate in a name is written as '?', like String.getBytes, rather than failing")
    void loneSurrogate() {
        final ScoreRecord score = new ScoreRecord("dev-\uD83C", null, "m\uDF21x", Instant.EPOCH, 1, false, 0, 0, 0.01,
                false, "v", null);
        final ScoreRecord back = scores.deserializer().deserialize("score-history",
                scores.serializer().serialize("score-history", score));
        assertEquals("dev-?", back.deviceId());
        assertEquals("m?x", back.metric());
    }

    @Test
    @DisplayName("null in, null out; another layout version, truncated or trailing bytes fail with the type's name")
    void failures() {
        assertNull(states.serializer().serialize("device-state", null));
        assertNull(states.deserializer().deserialize("device-state", null));
        final byte[] bytes = states.serializer().serialize("device-state", state());
        final byte[] otherVersion = bytes.clone();
        otherVersion[1] = 6;
        final SerializationException version = assertThrows(SerializationException.class,
                () -> states.deserializer().deserialize("device-state", otherVersion));
        assertTrue(version.getMessage().contains("DeviceState") && version.getMessage().contains("version 6"),
                version.getMessage());
        for (final byte[] broken : new byte[][] {Arrays.copyOf(bytes, bytes.length - 3), Arrays.copyOf(bytes, bytes.length + 1),
                Arrays.copyOf(bytes, 9)}) {
            final SerializationException e = assertThrows(SerializationException.class,
                    () -> states.deserializer().deserialize("device-state", broken));
            assertTrue(e.getMessage().contains("DeviceState"), e.getMessage());
        }
    }

    /** A device state from the bytes an earlier layout version wrote, given as hex. */
    private DeviceState written(final String hex) {
        return states.deserializer().deserialize("device-state", java.util.HexFormat.of().parseHex(hex));
    }

    private static ScoreRecord score(final String modelVersion, final String detector) {
        return new ScoreRecord("capteur-été-1", modelVersion == null ? null : "door-sensor", "température",
                Instant.parse("2026-11-22T10:00:00.000000123Z"), -3.25, true, 0.0123, Double.NaN, 0.01,
                detector != null, modelVersion, detector);
    }

    private static DeviceState state() {
        final Instant t = Instant.parse("2026-11-22T10:00:00Z");
        final MetricState warm = new MetricState(new double[] {20.1, 20.25, 19.875}, new RunningStats(3, 20.075, 0.07),
                3, 1, t.plusSeconds(2), 19.875, true, new Normalisation(19.5, 20.5), new double[] {1.5, Double.NaN}, true,
                4, true, 2, Boolean.TRUE, 2, 0.75, new double[] {1.25, 2.5}, new Envelope(19.25, 21.0, new Envelope(19.5, 20.75, null)),
                new ErrorPeak(0.0375, 3, 3));
        final MetricState fresh = new MetricState(new double[0], RunningStats.EMPTY, 0, 0, null, null, false, null,
                new double[0], false, 0, false, 0, null, 0, 0, new double[0], null, null);
        final Map<String, MetricState> metrics = new LinkedHashMap<>();
        metrics.put("température", warm);
        metrics.put("door", fresh);
        return new DeviceState("capteur-été-🌡", t, Instant.parse("2026-11-22T10:00:00.123456789Z"), 3, 5, 1, metrics,
                new AnomalySummary("température", t.plusSeconds(1), 25.5, 0.034, 0.01), 3, 2, 7);
    }
}
