package dev.vigil.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FleetGeneratorTest {

    static final Instant START = Instant.parse("2026-11-22T10:00:00Z");

    static FleetGenerator generator(final long seed, final double anomalyRate) {
        final Map<Fleet, Integer> fleets = new java.util.LinkedHashMap<>();
        fleets.put(Fleet.temperatureProbes(), 20);
        fleets.put(Fleet.doorSensors(), 5);
        fleets.put(Fleet.airQualityMonitors(), 10);
        return new FleetGenerator(fleets, seed, anomalyRate, List.of(AnomalyKind.values()), Duration.ofSeconds(1),
                RatePlan.STEADY, START);
    }

    private static List<Sample> run(final long seed, final double anomalyRate, final int seconds) {
        return generator(seed, anomalyRate).advance(START.plusSeconds(seconds - 1));
    }

    @Test
    @DisplayName("the same seed gives the same data, another seed other data")
    void seededDeterminism() {
        assertEquals(run(7, 0.01, 100), run(7, 0.01, 100));
        assertNotEquals(run(7, 0.01, 100), run(8, 0.01, 100));
        assertEquals(35 * 100, run(7, 0.01, 100).size(), "one message per device per second");
    }

    @Test
    @DisplayName("every anomaly kind is injected and labelled with the device, metric and the window it changed")
    void everyKindLabelled() {
        final List<Sample> samples = run(3, 0.01, 600);
        final Map<String, List<Sample>> byDevice = samples.stream().collect(Collectors.groupingBy(Sample::deviceId));
        final Map<AnomalyKind, Integer> counts = new EnumMap<>(AnomalyKind.class);
        for (final Sample sample : samples) {
            for (final Label label : sample.labels()) {
                counts.merge(label.kind(), 1, Integer::sum);
                assertEquals(sample.deviceId(), label.deviceId());
                assertEquals(sample.timestamp(), label.end(), "labelled with the message that ends it");
                checkWindow(label, byDevice.get(label.deviceId()));
            }
        }
        for (final AnomalyKind kind : AnomalyKind.values()) {
            assertTrue(counts.getOrDefault(kind, 0) >= 5, "too few " + kind + ": " + counts);
        }
        for (final Sample sample : run(3, 0.0, 300)) {
            assertTrue(sample.labels().isEmpty());
        }
    }

    /** What the data inside a label's window must look like for its kind. */
    static void checkWindow(final Label label, final List<Sample> series) {
        final List<Double> inside = new ArrayList<>();
        Double before = null;
        for (final Sample s : series) {
            if (s.timestamp().isBefore(label.start()) && s.readings().get(label.metric()) != null) {
                before = s.readings().get(label.metric());
            } else if (!s.timestamp().isBefore(label.start()) && !s.timestamp().isAfter(label.end())) {
                inside.add(s.readings().get(label.metric()));
            }
        }
        final long length = Duration.between(label.start(), label.end()).toSeconds() + 1;
        assertEquals(length, inside.size(), label + " covers one message per second");
        assertTrue(length >= label.kind().minReadings() && length <= label.kind().maxReadings(), label.toString());
        final MetricProfile profile = Fleet.byType(fleetType(label.deviceId())).metric(label.metric());
        switch (label.kind()) {
            case SPIKE -> assertTrue(before == null || inside.get(0) >= before + profile.spikeLow() * 0.8
                    || inside.get(0) == profile.max(), label + " " + before + " -> " + inside);
            case DIP -> assertTrue(before == null || inside.get(0) <= before - profile.dipLow() * 0.8
                    || inside.get(0) == profile.min(), label + " " + before + " -> " + inside);
            case STUCK_AT -> assertEquals(1, inside.stream().distinct().count(), label + " " + inside);
            case DROPOUT -> inside.forEach(v -> assertNull(v, label.toString()));
            case LEVEL_SHIFT, DRIFT, NOISE_BURST -> inside.forEach(v -> assertTrue(v != null, label.toString()));
        }
    }

    static String fleetType(final String deviceId) {
        return deviceId.startsWith("probe-") ? Fleet.TEMPERATURE_PROBE
                : deviceId.startsWith("door-") ? Fleet.DOOR_SENSOR : Fleet.AIR_QUALITY_MONITOR;
    }

    @Test
    @DisplayName("a level shift moves every reading of its window by half the spike band; a drift ramps up to it")
    void shiftAndDrift() {
        for (final AnomalyKind kind : List.of(AnomalyKind.LEVEL_SHIFT, AnomalyKind.DRIFT)) {
            final FleetGenerator g = new FleetGenerator(Map.of(Fleet.temperatureProbes(), 1), 5, 0.0);
            final double normal = g.advance(Instant.EPOCH.plusSeconds(59)).get(59).readings().get("temperature");
            g.apply(new DeviceCommand("c", "probe-1", "inject", Map.of("kind", kind.wireName(), "readings", 40),
                    null, null), Instant.EPOCH);
            final List<Sample> window = g.advance(Instant.EPOCH.plusSeconds(99));
            final double last = window.get(39).readings().get("temperature");
            assertEquals(5.0, Math.abs(last - normal), 1.5, kind + ": the end of the window is ~5 °C off");
            final double first = window.get(0).readings().get("temperature");
            if (kind == AnomalyKind.DRIFT) {
                assertTrue(Math.abs(first - normal) < 1.5, "a drift starts small: " + first + " vs " + normal);
            } else {
                assertEquals(5.0, Math.abs(first - normal), 1.5, "a shift starts at once");
            }
            assertEquals(kind, window.get(39).labels().get(0).kind());
        }
    }

    @Test
    @DisplayName("an anomaly that changes no reading is not labelled: a dip on a light sensor reading 0 lux")
    void invisibleAnomaliesAreNotLabelled() {
        final Fleet dark = new Fleet("dark-room", "dark", "Light sensor in the dark", List.of(
                new MetricProfile("light", 0.0, 0.0, 0.0, 0.0001, 0.0, 500.0, 600.0, 100.0, 150.0, 0.0, 1000.0)),
                java.util.Set.of("light"), null);
        assertEquals(0, labels(dark, AnomalyKind.DIP), "a dip below 0 lux is clamped away: nothing to find");
        assertEquals(0, labels(dark, AnomalyKind.STUCK_AT), "stuck at 0 lux, where it reads 0 lux anyway");
        assertTrue(labels(dark, AnomalyKind.SPIKE) > 10, "a spike to 500 lux shows");
        assertTrue(labels(dark, AnomalyKind.DROPOUT) > 10, "a missing reading shows");
    }

    private static long labels(final Fleet fleet, final AnomalyKind kind) {
        final FleetGenerator g = new FleetGenerator(Map.of(fleet, 5), 7, 0.02, List.of(kind), Duration.ofSeconds(1),
                RatePlan.STEADY, START);
        return g.advance(START.plusSeconds(999)).stream().mapToLong(s -> s.labels().size()).sum();
    }

    @Test
    @DisplayName("the registry entries declare the period of cyclic metrics, in the devices wire format")
    void registryDeclaresPeriods() throws Exception {
        final Map<String, RegistryEntry> byId = generator(1, 0).registry().stream()
                .collect(Collectors.toMap(RegistryEntry::deviceId, e -> e));
        assertEquals(Map.of("orientation_alpha", new RegistryEntry.Metric(360), "orientation_beta",
                new RegistryEntry.Metric(360)), byId.get("door-1").metrics());
        assertEquals(Map.of(), byId.get("probe-1").metrics());
        final String json = new String(new SimulatorJson().device(byId.get("door-1")),
                java.nio.charset.StandardCharsets.UTF_8);
        final com.fasterxml.jackson.databind.JsonNode metrics = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(json).get("metrics");
        assertEquals(2, metrics.size(), json);
        assertEquals(360.0, metrics.at("/orientation_alpha/period").asDouble(), json);
        assertEquals(360.0, metrics.at("/orientation_beta/period").asDouble(), json);
    }

    @Test
    @DisplayName("a compass heading wraps around like the phone's own; other metrics saturate at their bounds")
    void headingWraps() {
        final MetricProfile heading = Fleet.doorSensors().metric("orientation_alpha");
        assertEquals(55.0, heading.bound(330.0 + 85.0), 1e-9, "a door at 330° opens to 55°");
        assertEquals(350.0, heading.bound(-10.0), 1e-9);
        assertEquals(0.0, heading.bound(360.0), 1e-9);
        assertEquals(170.0, Fleet.doorSensors().metric("orientation_beta").bound(-190.0), 1e-9);
        assertEquals(90.0, Fleet.doorSensors().metric("orientation_gamma").bound(95.0), 1e-9, "a tilt saturates");
        assertEquals(5.0, Fleet.doorSensors().metric("proximity").bound(5.2), 1e-9);
    }

    @Test
    @DisplayName("normal behaviour: probes near 25 °C, door openings swing the angle without a label, AQ values go missing")
    void normalBehaviour() {
        int missing = 0;
        int doorSwings = 0;
        for (final Sample sample : run(11, 0.0, 600)) {
            final Map<String, Double> r = sample.readings();
            if (sample.deviceId().startsWith("probe-")) {
                assertTrue(r.get("temperature") > 20 && r.get("temperature") < 30, "temperature " + r);
            } else if (sample.deviceId().startsWith("door-")) {
                assertEquals(8, r.size());
                assertEquals(9.81, r.get("accel_z"), 0.5);
                assertTrue(r.get("light") >= 0);
                doorSwings += Math.abs(r.get("accel_x")) > 0.5 ? 1 : 0;
            } else {
                assertEquals(6, r.size());
                missing += (int) r.values().stream().filter(v -> v == null).count();
            }
            assertTrue(sample.labels().isEmpty());
        }
        assertTrue(missing > 0, "air-quality monitors should send some missing values");
        assertTrue(doorSwings > 10, "door sensors should see doors open, saw " + doorSwings);
    }

    @Test
    @DisplayName("bursty rate: devices send burst-factor times as often during bursts")
    void burstyRate() {
        final FleetGenerator g = new FleetGenerator(Map.of(Fleet.temperatureProbes(), 10), 1, 0.0,
                List.of(AnomalyKind.values()), Duration.ofSeconds(1),
                RatePlan.bursty(5, Duration.ofSeconds(10), Duration.ofSeconds(60)), START);
        final List<Sample> samples = g.advance(START.plusSeconds(119));
        final long inBursts = samples.stream()
                .filter(s -> Duration.between(START, s.timestamp()).toSeconds() % 60 < 10).count();
        assertEquals(10 * 2 * 10 * 5, inBursts, 20);
        assertEquals(10 * 2 * 50, samples.size() - inBursts, 20);
    }
}
