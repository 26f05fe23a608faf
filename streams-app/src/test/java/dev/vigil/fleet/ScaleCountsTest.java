package dev.vigil.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.model.Normalisation;
import dev.vigil.topology.VigilSerdes;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ScaleCountsTest {

    private static MetricScale light(final double scale) {
        return new MetricScale("door-sensor", "light", scale);
    }

    @Test
    @DisplayName("the median of the counted scales, to within the bins' 2%; a removed scale no longer counts")
    void median() {
        ScaleCounts counts = ScaleCounts.none().with(light(3)).with(light(0.5)).with(light(40));
        assertEquals(3, counts.median(), 3 * ScaleCounts.RESOLUTION);
        assertEquals(3, counts.devices());
        counts = counts.with(light(2.5));
        assertEquals(2.5, counts.median(), 2.5 * ScaleCounts.RESOLUTION, "the lower middle one of four");
        counts = counts.without(light(0.5)).without(light(2.5));
        assertEquals(3, counts.median(), 3 * ScaleCounts.RESOLUTION);
        assertEquals(2, counts.devices());
        assertTrue(Double.isNaN(ScaleCounts.none().median()));
    }

    @Test
    @DisplayName("counts with no device left give a tombstone; others a fleet scale naming their type and metric")
    void fleetScale() {
        final ScaleCounts one = ScaleCounts.none().with(light(3));
        final FleetScale scale = FleetScale.of(one);
        assertEquals("door-sensor", scale.deviceType());
        assertEquals("light", scale.metric());
        assertEquals(1, scale.devices());
        assertNull(FleetScale.of(one.without(light(3))));
    }

    @Test
    @DisplayName("the counts survive their serde (the scale-counts store's changelog)")
    void serde() {
        final ScaleCounts counts = ScaleCounts.none().with(light(3)).with(light(3.01)).with(light(7));
        final var serde = VigilSerdes.scaleCounts();
        assertEquals(counts, serde.deserializer().deserialize("t", serde.serializer().serialize("t", counts)));
    }

    @Test
    @DisplayName("keys: a fleet's type and metric are URL-encoded, so two fleets never share one")
    void keys() {
        assertEquals("door-sensor/light", FleetScale.key("door-sensor", "light"));
        assertNotEquals(FleetScale.key("a/b", "c"), FleetScale.key("a", "b/c"));
        assertEquals("door-1/light", MetricScale.key("door-1", "light"));
    }

    @Test
    @DisplayName("a range at the floor scale has no scale to count; a metric scale must be positive and finite")
    void metricScale() {
        assertNull(MetricScale.of("door-sensor", "light", Normalisation.robust(new double[] {0, 0, 0}, 12), 12));
        assertEquals(3, MetricScale.of("door-sensor", "light", new Normalisation(-36, 36), 12).scale(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> light(0));
        assertThrows(IllegalArgumentException.class, () -> light(Double.NaN));
    }
}
