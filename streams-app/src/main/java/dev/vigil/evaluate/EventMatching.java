package dev.vigil.evaluate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores detections against labelled anomaly events of the same device and metric. A detection is a true
 * positive when it falls inside a label's [start, end + grace]; the grace covers the reading right after an
 * anomaly, where the signal snaps back (the end of a level shift or a drift). An event is detected when at least
 * one detection falls in its span. Precision counts detections; recall counts events.
 */
public final class EventMatching {

    /** A labelled event. */
    public record Event(String deviceId, String metric, String kind, Instant start, Instant end) {
    }

    /** A detection: a reading Vigil called anomalous. */
    public record Detection(String deviceId, String metric, Instant timestamp) {
    }

    /** Counts; precision and recall are 1 when there is nothing to count. */
    public record Counts(int detections, int truePositives, int events, int eventsDetected) {

        public double precision() {
            return detections == 0 ? 1.0 : truePositives / (double) detections;
        }

        public double recall() {
            return events == 0 ? 1.0 : eventsDetected / (double) events;
        }

        public double f1() {
            final double p = precision();
            final double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }
    }

    private EventMatching() {
    }

    public static Counts match(final List<Event> events, final List<Detection> detections, final Duration grace) {
        final Map<String, List<Event>> bySeries = new HashMap<>();
        for (final Event e : events) {
            bySeries.computeIfAbsent(e.deviceId() + "/" + e.metric(), k -> new ArrayList<>()).add(e);
        }
        final Map<Event, Boolean> detected = new HashMap<>();
        int truePositives = 0;
        for (final Detection d : detections) {
            boolean hit = false;
            for (final Event e : bySeries.getOrDefault(d.deviceId() + "/" + d.metric(), List.of())) {
                if (!d.timestamp().isBefore(e.start()) && !d.timestamp().isAfter(e.end().plus(grace))) {
                    detected.put(e, true);
                    hit = true;
                }
            }
            truePositives += hit ? 1 : 0;
        }
        return new Counts(detections.size(), truePositives, events.size(), detected.size());
    }
}
