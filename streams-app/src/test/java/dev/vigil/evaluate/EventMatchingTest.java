package dev.vigil.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.evaluate.EventMatching.Detection;
import dev.vigil.evaluate.EventMatching.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EventMatchingTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    private static Detection at(final String device, final String metric, final int second) {
        return new Detection(device, metric, T.plusSeconds(second), 0, "autoencoder");
    }

    @Test
    @DisplayName("events are detected within [start, end + grace]; alarms are runs of detections, true near an event")
    void matching() {
        final List<Event> events = List.of(
                new Event("p-1", "temperature", "spike", T.plusSeconds(10), T.plusSeconds(10)),
                new Event("p-1", "temperature", "level-shift", T.plusSeconds(100), T.plusSeconds(130)),
                new Event("p-2", "temperature", "spike", T.plusSeconds(10), T.plusSeconds(10)));
        final List<Detection> detections = List.of(
                at("p-1", "temperature", 10),   // detects the spike; alarm 1 (true)
                at("p-1", "temperature", 15),   // same alarm (within 16 s)
                at("p-1", "temperature", 132),  // detects the shift (end + 2); alarm 2 (true)
                at("p-1", "temperature", 150),  // 20 s after the shift ended: its own alarm 3, false
                at("p-1", "humidity", 10),      // another metric: alarm 4 (false)
                at("p-3", "temperature", 10));  // another device: alarm 5 (false)
        final EventMatching.Counts c = EventMatching.match(events, detections, Duration.ofSeconds(2),
                Duration.ofSeconds(16));
        assertEquals(3, c.events());
        assertEquals(2, c.eventsDetected());
        assertEquals(5, c.alarms());
        assertEquals(2, c.trueAlarms(), "the alarm at 150 s is 20 s past the end: more than a window");
        assertEquals(6, c.detections());
        assertEquals(2, c.trueDetections());
        assertEquals(0.4, c.precision(), 1e-9);
        assertEquals(2 / 3.0, c.recall(), 1e-9);
        assertEquals(2 * 0.4 * (2 / 3.0) / (0.4 + 2 / 3.0), c.f1(), 1e-9);
    }

    @Test
    @DisplayName("an echo within a window after the event's end is part of the event, not a false alarm")
    void echoWithinWindow() {
        final List<Event> events = List.of(new Event("p-1", "t", "stuck-at", T.plusSeconds(100), T.plusSeconds(140)));
        final EventMatching.Counts c = EventMatching.match(events,
                List.of(at("p-1", "t", 104), at("p-1", "t", 150)), Duration.ofSeconds(2), Duration.ofSeconds(16));
        assertEquals(2, c.alarms());
        assertEquals(2, c.trueAlarms());
        assertEquals(1, c.trueDetections());
        assertEquals(1.0, c.precision());
    }
}
