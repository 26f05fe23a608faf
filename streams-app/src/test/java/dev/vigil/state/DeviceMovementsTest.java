package dev.vigil.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.ingest.Telemetry;
import dev.vigil.scoring.PendingScore;
import dev.vigil.scoring.ScoringSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Device movements, through the state updater: which queued readings carry {@code movement} (an autoencoder alarm on
 * them is explained). A device with four metrics of noise 1 (learned range ±12, so 0.4 normalised = 9.6): an
 * "opening" moves a, b and c by 30 for five messages; d never moves.
 */
class DeviceMovementsTest {

    private static final List<String> METRICS = List.of("a", "b", "c", "d");
    private static final double OPENING = 30;

    /** One simulated device fed through a {@link DeviceStateUpdater}. */
    private static final class Device {
        private final DeviceStateUpdater updater;
        private final Random random = new Random(7);
        private DeviceState state;
        private Instant time = Instant.parse("2026-11-23T00:00:00Z");

        Device(final int movementMetrics, final int normalAfter) {
            updater = new DeviceStateUpdater(new ScoringSettings(16, 50, true, true, 3, 12, 0.01, "test", 256,
                    Duration.ofMillis(20), Duration.ofDays(1), 5, 3, 3, 16, 0, movementMetrics, normalAfter, 0, true));
        }

        /** Metrics that report exactly this value (a stuck or a constant sensor) instead of noise. */
        private final Map<String, Double> fixed = new LinkedHashMap<>();

        /** One message: each metric's noise plus {@code add}; returns the metrics whose readings are explained. */
        Set<String> send(final Map<String, Double> add) {
            final Map<String, Double> readings = new LinkedHashMap<>();
            for (final String metric : METRICS) {
                readings.put(metric, fixed.containsKey(metric) ? fixed.get(metric)
                        : random.nextGaussian() + add.getOrDefault(metric, 0.0));
            }
            return apply(readings);
        }

        /** A message that carries only {@code metric}: its noise plus {@code add}; returns the metrics explained. */
        Set<String> sendOnly(final String metric, final double add) {
            return apply(Map.of(metric, random.nextGaussian() + add));
        }

        private Set<String> apply(final Map<String, Double> readings) {
            time = time.plusSeconds(1);
            final DeviceStateUpdater.Update update = updater.apply(state, new Telemetry("door-1", time, readings), null,
                    time.toEpochMilli());
            state = update.state();
            return update.toScore().stream().filter(PendingScore::movement).map(PendingScore::metric)
                    .collect(Collectors.toSet());
        }

        /** Messages of noise only; returns the metrics explained in any of them. */
        Set<String> quiet(final int messages) {
            final Set<String> explained = new java.util.HashSet<>();
            for (int i = 0; i < messages; i++) {
                explained.addAll(send(Map.of()));
            }
            return explained;
        }

        /** A five-message opening of a, b and c, plus {@code extra}; returns what each message explains. */
        List<Set<String>> open(final Map<String, Double> extra) {
            final List<Set<String>> explained = new java.util.ArrayList<>();
            for (int i = 0; i < 5; i++) {
                final Map<String, Double> add = new LinkedHashMap<>(Map.of("a", OPENING, "b", OPENING, "c", OPENING));
                extra.forEach((metric, value) -> add.merge(metric, value, Double::sum));
                explained.add(send(add));
            }
            return explained;
        }
    }

    @Test
    @DisplayName("three metrics leaving their level together are a movement: it explains their readings, from the first one (movements.normal.after=0)")
    void aDeviceMovingAsAWhole() {
        final Device door = new Device(3, 0);
        assertEquals(Set.of(), door.quiet(60), "nothing is explained before the device moves");
        final List<Set<String>> explained = door.open(Map.of());
        assertTrue(explained.get(0).containsAll(Set.of("a", "b", "c")), explained.toString());
        door.quiet(30);
        assertEquals(1, door.state.movements());
        final dev.vigil.model.Normalisation range = door.state.metrics().get("a").learned();
        assertEquals(OPENING / (range.hi() - range.lo()), door.state.metrics().get("a").movementExcursions()[0], 0.15,
                "each metric remembers its largest excursion (normalised) in the movement");
    }

    @Test
    @DisplayName("a metric that swings out over two messages (just short of off, then off) leaves its level with the others")
    void aSwingOverTwoMessages() {
        final Device door = new Device(3, 0);
        door.quiet(60);
        // c: 8 (0.33 normalised, not off), then 15 (0.63) as a and b jump: it grew by less than far (0.4) since the
        // message before, but by more since the one before that
        assertEquals(Set.of(), door.send(Map.of("c", 8.0)));
        final Set<String> explained = door.send(Map.of("a", OPENING, "b", OPENING, "c", 15.0));
        assertTrue(explained.containsAll(Set.of("a", "b", "c")), explained.toString());
        door.quiet(30);
        assertEquals(1, door.state.movements());
    }

    @Test
    @DisplayName("one or two metrics off on a device that never moved are no movement: nothing is explained")
    void oneMetricAloneIsNoMovement() {
        final Device door = new Device(3, 0);
        door.quiet(60);
        for (int i = 0; i < 5; i++) {
            assertEquals(Set.of(), door.send(Map.of("a", OPENING, "b", OPENING)));
        }
        assertEquals(0, door.state.movements());
    }

    @Test
    @DisplayName("a spike ten times what the metric does in the device's movements is not explained, although the device moves")
    void aSpikeDuringAMovementIsNotExplained() {
        final Device door = new Device(3, 0);
        door.quiet(60);
        for (int i = 0; i < 3; i++) {
            door.open(Map.of());
            door.quiet(30);
        }
        final Set<String> withSpike = door.send(Map.of("a", OPENING, "b", 10 * OPENING, "c", OPENING));
        assertTrue(withSpike.contains("a") && withSpike.contains("c"), withSpike.toString());
        assertFalse(withSpike.contains("b"), "the spike on b is far larger than b's movements");
    }

    @Test
    @DisplayName("the windows still hold a movement for W − 1 messages after it: a reading there is explained when its own excursion is usual, a spike is not")
    void afterAMovement() {
        final Device door = new Device(3, 0);
        door.quiet(60);
        door.open(Map.of());
        assertTrue(door.send(Map.of()).contains("a"), "just after the movement, a normal reading is explained");
        assertFalse(door.send(Map.of("d", 300.0)).contains("d"), "a spike on d, which did not move, is not");
        door.quiet(13);
        assertEquals(Set.of(), door.quiet(30), "W − 1 messages after the movement, nothing is explained");
    }

    /** A door that completed one movement (a, b and c moved), then {@code stuck} metrics reading a constant. */
    private static Device movedOnce(final String... stuck) {
        final Device door = new Device(3, 0);
        door.quiet(60);
        door.open(Map.of());
        door.quiet(30);
        for (final String metric : stuck) {
            door.fixed.put(metric, 0.5);
        }
        door.quiet(6);
        return door;
    }

    @Test
    @DisplayName("two metrics that moved in earlier movements moving again restart a movement, although the third is stuck")
    void twoUsuallyMovingMetrics() {
        final Set<String> explained = movedOnce().send(Map.of("a", OPENING, "b", OPENING));
        assertTrue(explained.containsAll(Set.of("a", "b")), explained.toString());
    }

    @Test
    @DisplayName("one metric that moved in earlier movements leaving as far as it did, while another that did is stuck, restarts a movement; alone, or ten times as far, it does not")
    void oneUsuallyMovingMetricAndAStuckOne() {
        assertTrue(movedOnce("b", "c").send(Map.of("a", OPENING)).contains("a"), "b and c cannot show the movement");
        final Device spiked = movedOnce("b", "c");
        assertFalse(spiked.send(Map.of("a", 10 * OPENING)).contains("a"), "far beyond a's movements: no movement");
        spiked.quiet(30);
        assertEquals(1, spiked.state.movements());
        assertEquals(Set.of(), movedOnce().send(Map.of("a", OPENING)), "a alone, b and c at rest: no movement");
    }

    @Test
    @DisplayName("a varying sensor that is stuck cannot move with the door: two metrics leaving together then start the device's first movement")
    void aStuckSensorNeedsOneMetricFewer() {
        final Device stuck = new Device(3, 0);
        stuck.quiet(60);
        stuck.fixed.put("c", 0.5);
        stuck.quiet(6);
        assertTrue(stuck.send(Map.of("a", OPENING, "b", OPENING)).containsAll(Set.of("a", "b")));
        final Device varying = new Device(3, 0);
        varying.quiet(66);
        assertEquals(Set.of(), varying.send(Map.of("a", OPENING, "b", OPENING)), "two of four moving are no movement");
    }

    /** A device past its warm-up whose metric d has reported exactly {@code value} all along. */
    private static Device withConstantD(final double value) {
        final Device door = new Device(3, 0);
        door.fixed.put("d", value);
        door.quiet(66);
        return door;
    }

    @Test
    @DisplayName("a sensor that never varies (a proximity sensor at rest) does not lower the metrics a movement needs")
    void aConstantSensorDoesNotCount() {
        final Device door = withConstantD(5.0);
        assertEquals(Set.of(), door.send(Map.of("a", OPENING, "b", OPENING)));
    }

    @Test
    @DisplayName("a metric that never varied (a light sensor in the dark) is not explained by a movement: a burst on it during a door opening is an alarm")
    void aConstantSensorIsNeverExplained() {
        final Device door = withConstantD(0.0);
        assertNull(door.state.metrics().get("d").varies(), "a constant cannot be told to vary");
        door.fixed.remove("d");
        final Set<String> explained = door.send(Map.of("a", OPENING, "b", OPENING, "c", OPENING, "d", OPENING));
        assertEquals(Set.of("a", "b", "c"), explained, "the device's first movement explains the others, not d");
    }

    @Test
    @DisplayName("a metric dark through its warm-up whose range settled since on blocks showing its noise is explained like the others")
    void aSensorThatSettledAfterTheDarkIsExplained() {
        final Device door = withConstantD(0.0);
        door.quiet(150);
        door.fixed.remove("d");
        door.quiet(150);
        final MetricState d = door.state.metrics().get("d");
        assertNull(d.varies(), "whether it varies stays undecided");
        assertTrue(d.reviewed(), "its range settled on its noise: " + d.learned());
        door.open(Map.of("d", OPENING));
        door.quiet(30);
        final Set<String> explained = door.send(Map.of("a", OPENING, "b", OPENING, "c", OPENING, "d", OPENING));
        assertTrue(explained.contains("d"), "the device's movement explains d too: " + explained);
    }

    @Test
    @DisplayName("metrics off for W − 1 messages or more (sensors moving away together for good) are no movement: explained only at first, not remembered")
    void aMovementLongerThanTheWindow() {
        final Device door = new Device(3, 0);
        door.quiet(60);
        final List<Set<String>> explained = new java.util.ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            final double away = OPENING + 2.0 * i; // after the jump, the newest value stays about 0.67 from the median
            explained.add(door.send(Map.of("a", away, "b", away, "c", away)));
        }
        assertTrue(explained.get(0).containsAll(Set.of("a", "b", "c")),
                () -> "at first it looks like a movement: " + explained);
        assertTrue(explained.subList(15, 40).stream().allMatch(Set::isEmpty),
                () -> "a movement of W − 1 messages explains nothing more: " + explained);
        door.send(Map.of()); // they snap back together: a movement of its own, which ends the long one
        assertEquals(0, door.state.movements(), "the long one is not remembered");
        assertEquals(0, door.state.metrics().get("a").movementExcursions().length);
    }

    @Test
    @DisplayName("metrics drifting away together leave their level one by one: no movement, nothing explained")
    void aJointDriftIsNoMovement() {
        final Device door = new Device(3, 0);
        door.quiet(60);
        final Set<String> explained = new java.util.HashSet<>();
        for (int i = 1; i <= 40; i++) {
            final double drift = 2.0 * i;
            explained.addAll(door.send(Map.of("a", drift, "b", drift, "c", drift)));
        }
        assertEquals(Set.of(), explained);
        assertEquals(0, door.state.movements());
    }

    @Test
    @DisplayName("a door opening while two sensors have been away for longer than a window starts a movement of its own")
    void aMovementDuringALongOne() {
        final Device door = new Device(3, 0);
        door.quiet(60);
        door.open(Map.of("d", OPENING)); // a, b, c and d all move in this device's openings
        door.quiet(30);
        final List<Set<String>> explained = new java.util.ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            final double away = OPENING + 2.0 * i;
            final Map<String, Double> add = new LinkedHashMap<>(Map.of("c", away, "d", away));
            if (i > 20 && i <= 25) {
                add.putAll(Map.of("a", OPENING, "b", OPENING));
            }
            explained.add(door.send(add));
        }
        assertTrue(explained.subList(15, 20).stream().allMatch(Set::isEmpty),
                () -> "c and d away for W − 1 messages: no movement any more " + explained);
        assertTrue(explained.get(20).containsAll(Set.of("a", "b")), () -> "the opening of a and b: " + explained);
    }

    @Test
    @DisplayName("movements.normal.after=2: the first two movements explain nothing, the third does; movements.metrics=0 turns movements off")
    void settings() {
        final Device learning = new Device(3, 2);
        learning.quiet(60);
        for (int i = 0; i < 2; i++) {
            assertTrue(learning.open(Map.of()).stream().allMatch(Set::isEmpty));
            learning.quiet(30);
        }
        assertTrue(learning.open(Map.of()).get(0).containsAll(Set.of("a", "b", "c")));
        final Device off = new Device(0, 0);
        off.quiet(60);
        assertTrue(off.open(Map.of()).stream().allMatch(Set::isEmpty));
        assertEquals(0, off.state.movements());
    }

    @Test
    @DisplayName("a message with one metric cannot start a movement, but one just after a movement is still explained by it")
    void oneMetricMessages() {
        final Device door = new Device(3, 0);
        door.quiet(60);
        assertEquals(Set.of(), door.sendOnly("a", OPENING), "one metric alone is no movement");
        assertEquals(0, door.state.movedAt());
        door.quiet(30);
        door.open(Map.of());
        assertEquals(Set.of("a"), door.sendOnly("a", OPENING), "within a window after the device moved");
    }
}
