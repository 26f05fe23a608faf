package dev.vigil.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FleetGeneratorTest {

    private static final Instant START = Instant.parse("2026-11-22T10:00:00Z");

    private static List<Sample> run(final long seed, final double anomalyRate, final int ticks) {
        final FleetGenerator generator = new FleetGenerator(
                Map.of(Fleet.temperatureProbes(), 20, Fleet.airQualityMonitors(), 10), seed, anomalyRate);
        final List<Sample> all = new ArrayList<>();
        for (int t = 0; t < ticks; t++) {
            all.addAll(generator.tick(START.plus(Duration.ofSeconds(t))));
        }
        return all;
    }

    @Test
    @DisplayName("the same seed gives the same data, another seed other data")
    void seededDeterminism() {
        assertEquals(run(7, 0.01, 50), run(7, 0.01, 50));
        assertNotEquals(run(7, 0.01, 50), run(8, 0.01, 50));
    }

    @Test
    @DisplayName("every spike is labelled, lies in the fleet's spike band, and nothing else is labelled")
    void spikesAreLabelled() {
        final List<Sample> samples = run(3, 0.02, 200);
        int spikes = 0;
        for (final Sample sample : samples) {
            for (final Label label : sample.labels()) {
                spikes++;
                assertEquals(AnomalyKind.SPIKE, label.kind());
                assertEquals(sample.deviceId(), label.deviceId());
                assertEquals(sample.timestamp(), label.start());
                final double value = sample.readings().get(label.metric());
                final MetricProfile profile = profile(sample.deviceId(), label.metric());
                assertTrue(value >= profile.spikeLow() && value <= profile.spikeHigh(),
                        label + " has value " + value);
            }
        }
        assertTrue(spikes > 50, "expected spikes at a 2% rate, got " + spikes);
        for (final Sample sample : run(3, 0.0, 200)) {
            assertTrue(sample.labels().isEmpty());
        }
    }

    @Test
    @DisplayName("normal temperature probes stay near 25 °C; air-quality monitors send missing values")
    void normalBehaviour() {
        int missing = 0;
        for (final Sample sample : run(11, 0.0, 300)) {
            if (sample.deviceId().startsWith("probe-")) {
                final double t = sample.readings().get("temperature");
                assertTrue(t > 20 && t < 30, "temperature " + t);
            } else {
                assertEquals(6, sample.readings().size());
                missing += (int) sample.readings().values().stream().filter(v -> v == null).count();
            }
        }
        assertTrue(missing > 0, "air-quality monitors should send some missing values");
    }

    private static MetricProfile profile(final String deviceId, final String metric) {
        final Fleet fleet = deviceId.startsWith("probe-") ? Fleet.temperatureProbes() : Fleet.airQualityMonitors();
        return fleet.metrics().stream().filter(m -> m.name().equals(metric)).findFirst().orElseThrow();
    }
}
