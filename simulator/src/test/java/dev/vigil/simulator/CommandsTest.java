package dev.vigil.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Devices obey commands and acknowledge each one. */
class CommandsTest {

    private static final Instant T0 = Instant.EPOCH;

    private final FleetGenerator generator = new FleetGenerator(Map.of(Fleet.temperatureProbes(), 2), 9, 0.0);

    private CommandAck apply(final String name, final Map<String, Object> args) {
        final Optional<CommandAck> ack = generator.apply(new DeviceCommand("cmd-" + name, "probe-1", name, args, T0,
                T0.plusSeconds(60)), T0);
        return ack.orElseThrow();
    }

    private long messagesOf(final List<Sample> samples, final String device) {
        return samples.stream().filter(s -> s.deviceId().equals(device)).count();
    }

    @Test
    @DisplayName("set-offline silences a device, set-online brings it back")
    void offlineOnline() {
        assertEquals(CommandAck.ACKNOWLEDGED, apply("set-offline", Map.of()).status());
        final List<Sample> silent = generator.advance(T0.plusSeconds(9));
        assertEquals(0, messagesOf(silent, "probe-1"));
        assertEquals(10, messagesOf(silent, "probe-2"));
        apply("set-online", Map.of());
        assertEquals(10, messagesOf(generator.advance(T0.plusSeconds(19)), "probe-1"));
    }

    @Test
    @DisplayName("set-rate changes one device's interval; reset restores it")
    void setRateAndReset() {
        assertEquals(CommandAck.ACKNOWLEDGED, apply("set-rate", Map.of("intervalMs", 250)).status());
        final List<Sample> fast = generator.advance(T0.plusSeconds(10));
        assertTrue(messagesOf(fast, "probe-1") >= 40, "4 per second, got " + messagesOf(fast, "probe-1"));
        assertEquals(11, messagesOf(fast, "probe-2"));
        apply("reset", Map.of());
        final List<Sample> after = generator.advance(T0.plusSeconds(30));
        assertEquals(messagesOf(after, "probe-2"), messagesOf(after, "probe-1"), 1);
    }

    @Test
    @DisplayName("inject starts a labelled anomaly of the asked kind; reset ends it with a label")
    void injectAndReset() {
        assertEquals(CommandAck.ACKNOWLEDGED,
                apply("inject", Map.of("kind", "stuck-at", "metric", "temperature", "readings", 100)).status());
        generator.advance(T0.plusSeconds(4));
        apply("reset", Map.of());
        final List<Label> labels = generator.pendingLabels(false);
        assertEquals(1, labels.size());
        assertEquals(AnomalyKind.STUCK_AT, labels.get(0).kind());
        assertEquals(T0, labels.get(0).start());
        assertEquals(T0.plusSeconds(4), labels.get(0).end());
    }

    @Test
    @DisplayName("bad, unknown and expired commands are answered 'failed' with a reason; other devices' are ignored")
    void failures() {
        assertEquals(CommandAck.FAILED, apply("explode", Map.of()).status());
        assertTrue(apply("set-rate", Map.of("intervalMs", "fast")).detail().contains("intervalMs"));
        assertTrue(apply("inject", Map.of("kind", "meteor")).detail().contains("unknown anomaly kind"));
        assertTrue(apply("inject", Map.of("metric", "humidity")).detail().contains("no metric 'humidity'"));
        final CommandAck expired = generator.apply(new DeviceCommand("old", "probe-1", "reset", Map.of(), T0,
                T0.plusSeconds(1)), T0.plusSeconds(5)).orElseThrow();
        assertEquals(CommandAck.FAILED, expired.status());
        assertTrue(expired.detail().contains("expired"));
        assertTrue(generator.apply(new DeviceCommand("x", "elsewhere-1", "reset", Map.of(), T0, null), T0).isEmpty());
    }
}
