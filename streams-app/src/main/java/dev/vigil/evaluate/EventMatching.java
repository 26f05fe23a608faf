package dev.vigil.evaluate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Event-level scoring of detections against labelled anomaly events of the same device and metric.
 *
 * <ul>
 *   <li>An event is <b>detected</b> when a detection falls in [start, end + {@code recallGrace}]; the small grace
 *       takes the reading where the signal snaps back (the end of a level shift or a drift).</li>
 *   <li>Detections of one series closer than {@code window} to each other form one <b>alarm</b> (what an operator
 *       would see as one incident). An alarm is <b>true</b> when one of its detections falls in
 *       [start, end + {@code window}] of an event: while the model's window still holds anomalous readings,
 *       what it says is about that event.</li>
 *   <li>Precision = true alarms / alarms; recall = detected events / events. Detection-level counts (each
 *       flagged reading on its own, true when inside [start, end + recallGrace]) are reported too.</li>
 * </ul>
 */
public final class EventMatching {

    /** A labelled event. */
    public record Event(String deviceId, String metric, String kind, Instant start, Instant end) {
    }

    /**
     * A detection: a reading Vigil called anomalous.
     *
     * @param value the reading's value, and {@code detector} what flagged it (for diagnosis; matching ignores both)
     */
    public record Detection(String deviceId, String metric, Instant timestamp, double value, String detector) {
    }

    /**
     * Counts; precision and recall are 1 when there is nothing to count.
     *
     * @param falseAlarms the first detection of every false alarm, and the events missed (for diagnosis)
     */
    public record Counts(int events, int eventsDetected, int alarms, int trueAlarms, int detections,
            int trueDetections, List<Detection> falseAlarms, List<Event> missed) {

        public double precision() {
            return alarms == 0 ? 1.0 : trueAlarms / (double) alarms;
        }

        public double recall() {
            return events == 0 ? 1.0 : eventsDetected / (double) events;
        }

        public double f1() {
            final double p = precision();
            final double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        public double detectionPrecision() {
            return detections == 0 ? 1.0 : trueDetections / (double) detections;
        }
    }

    private EventMatching() {
    }

    public static Counts match(final List<Event> events, final List<Detection> detections, final Duration recallGrace,
            final Duration window) {
        final Map<String, List<Event>> eventsBySeries = new HashMap<>();
        events.forEach(e -> eventsBySeries.computeIfAbsent(e.deviceId() + "/" + e.metric(), k -> new ArrayList<>()).add(e));
        final Map<String, List<Detection>> detectionsBySeries = new HashMap<>();
        detections.forEach(d -> detectionsBySeries.computeIfAbsent(d.deviceId() + "/" + d.metric(), k -> new ArrayList<>()).add(d));
        final Set<Event> detected = new HashSet<>();
        int alarms = 0;
        int trueAlarms = 0;
        int trueDetections = 0;
        final List<Detection> falseAlarms = new ArrayList<>();
        for (final Map.Entry<String, List<Detection>> series : detectionsBySeries.entrySet()) {
            final List<Event> candidates = eventsBySeries.getOrDefault(series.getKey(), List.of());
            final List<Detection> sorted = new ArrayList<>(series.getValue());
            sorted.sort(Comparator.comparing(Detection::timestamp));
            Instant previous = null;
            Detection first = null;
            boolean alarmIsTrue = false;
            for (final Detection d : sorted) {
                if (previous == null || Duration.between(previous, d.timestamp()).compareTo(window) >= 0) {
                    close(first, alarmIsTrue, falseAlarms);
                    trueAlarms += alarmIsTrue ? 1 : 0;
                    alarms++;
                    alarmIsTrue = false;
                    first = d;
                }
                previous = d.timestamp();
                boolean hit = false;
                for (final Event e : candidates) {
                    if (within(d, e, recallGrace)) {
                        detected.add(e);
                        hit = true;
                    }
                    alarmIsTrue |= within(d, e, window);
                }
                trueDetections += hit ? 1 : 0;
            }
            close(first, alarmIsTrue, falseAlarms);
            trueAlarms += alarmIsTrue ? 1 : 0;
        }
        final List<Event> missed = events.stream().filter(e -> !detected.contains(e)).toList();
        return new Counts(events.size(), detected.size(), alarms, trueAlarms, detections.size(), trueDetections,
                List.copyOf(falseAlarms), missed);
    }

    private static void close(final Detection first, final boolean isTrue, final List<Detection> falseAlarms) {
        if (first != null && !isTrue) {
            falseAlarms.add(first);
        }
    }

    private static boolean within(final Detection d, final Event e, final Duration grace) {
        return !d.timestamp().isBefore(e.start()) && !d.timestamp().isAfter(e.end().plus(grace));
    }
}
