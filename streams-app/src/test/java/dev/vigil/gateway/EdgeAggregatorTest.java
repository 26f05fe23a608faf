package dev.vigil.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vigil.ingest.Telemetry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EdgeAggregatorTest {

    private final List<Telemetry> forwarded = new ArrayList<>();
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicLong clock = new AtomicLong();

    /** An aggregator whose flushes the test calls itself (the scheduled flusher runs once a day). */
    private EdgeAggregator aggregator(final String deadband, final Duration maxSilence) {
        return new EdgeAggregator(Duration.ofDays(1), EdgeAggregator.Deadband.parse(deadband), maxSilence,
                (reading, onDone) -> {
                    forwarded.add(reading);
                    onDone.run();
                }, clock::get);
    }

    private static Telemetry reading(final String device, final double temperature) {
        return new Telemetry(device, Instant.EPOCH, Map.of("temperature", temperature));
    }

    @Test
    @DisplayName("at most one reading per device per interval, the latest wins; every reading is done exactly once")
    void latestWins() {
        try (EdgeAggregator edge = aggregator("", Duration.ofHours(1))) {
            for (int i = 0; i < 5; i++) {
                edge.offer(reading("a", i), done::incrementAndGet);
            }
            edge.offer(reading("b", 7), done::incrementAndGet);
            edge.flush();
            assertEquals(List.of(4.0, 7.0), forwarded.stream().map(t -> t.readings().get("temperature")).toList());
            assertEquals(6, done.get());
            assertEquals(2, edge.forwarded());
            assertEquals(4, edge.dropped());
            edge.flush();
            assertEquals(2, forwarded.size(), "nothing new, nothing sent");
        }
    }

    @Test
    @DisplayName("deadband: a change smaller than the band is dropped, a larger one or a long silence is forwarded")
    void deadband() {
        try (EdgeAggregator edge = aggregator("temperature=0.5", Duration.ofSeconds(60))) {
            for (final double t : new double[] {20.0, 20.3, 20.6, 21.2}) {
                edge.offer(reading("a", t), done::incrementAndGet);
                edge.flush();
            }
            assertEquals(List.of(20.0, 20.6, 21.2), forwarded.stream().map(r -> r.readings().get("temperature")).toList());
            clock.set(61_000);
            edge.offer(reading("a", 21.3), done::incrementAndGet);
            edge.flush();
            assertEquals(4, forwarded.size(), "forwarded after 60 s of silence despite the deadband");
            assertEquals(5, done.get());
        }
        assertThrows(IllegalArgumentException.class, () -> EdgeAggregator.Deadband.parse("temperature"));
    }

    @Test
    @DisplayName("interval 0 forwards every reading at once")
    void noAggregation() {
        try (EdgeAggregator edge = new EdgeAggregator(Duration.ZERO, EdgeAggregator.Deadband.NONE, Duration.ofSeconds(1),
                (reading, onDone) -> forwarded.add(reading), clock::get)) {
            edge.offer(reading("a", 1), done::incrementAndGet);
            edge.offer(reading("a", 2), done::incrementAndGet);
            assertEquals(2, forwarded.size());
        }
    }
}
