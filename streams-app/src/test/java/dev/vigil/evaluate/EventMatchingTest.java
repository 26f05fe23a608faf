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

    @Test
    @DisplayName("a detection counts for the event of its device and metric within [start, end + grace]")
    void matching() {
        final List<Event> events = List.of(
                new Event("p-1", "temperature", "spike", T.plusSeconds(10), T.plusSeconds(10)),
                new Event("p-1", "temperature", "level-shift", T.plusSeconds(100), T.plusSeconds(130)),
                new Event("p-2", "temperature", "spike", T.plusSeconds(10), T.plusSeconds(10)));
        final List<Detection> detections = List.of(
                new Detection("p-1", "temperature", T.plusSeconds(10)),
                new Detection("p-1", "temperature", T.plusSeconds(132)),
                new Detection("p-1", "temperature", T.plusSeconds(133)),
                new Detection("p-1", "humidity", T.plusSeconds(10)),
                new Detection("p-3", "temperature", T.plusSeconds(10)));
        final EventMatching.Counts c = EventMatching.match(events, detections, Duration.ofSeconds(2));
        assertEquals(5, c.detections());
        assertEquals(2, c.truePositives());
        assertEquals(3, c.events());
        assertEquals(2, c.eventsDetected());
        assertEquals(0.4, c.precision(), 1e-9);
        assertEquals(2 / 3.0, c.recall(), 1e-9);
        assertEquals(2 * 0.4 * (2 / 3.0) / (0.4 + 2 / 3.0), c.f1(), 1e-9);
    }
}
