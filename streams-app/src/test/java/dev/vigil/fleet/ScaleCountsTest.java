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

    private static ScaleCounts count(final double... scales) {
        ScaleCounts counts = ScaleCounts.none();
        for (final double scale : scales) {
            counts = counts.plus(ScaleCounts.of(light(scale)));
        }
        return counts;
    }

    @Test
    @DisplayName("the median of the counted scales, to within the bins' 2%; removed scales no longer count")
    void median() {
        ScaleCounts counts = count(3, 0.5, 40);
        assertEquals(3, counts.median(), 3 * ScaleCounts.RESOLUTION);
        assertEquals(3, counts.devices());
        counts = counts.plus(ScaleCounts.of(light(2.5)));
        assertEquals(2.5, counts.median(), 2.5 * ScaleCounts.RESOLUTION, "the lower middle one of four");
        counts = counts.minus(count(0.5, 2.5));
        assertEquals(3, counts.median(), 3 * ScaleCounts.RESOLUTION);
        assertEquals(2, counts.devices());
        assertEquals(0, counts.minus(count(3, 40)).devices());
        assertTrue(Double.isNaN(ScaleCounts.none().median()));
    }

    @Test
    @DisplayName("one device's scale is counts of one that name its type and metric")
    void one() {
        final ScaleCounts one = ScaleCounts.of(light(3));
        assertEquals("door-sensor", one.deviceType());
        assertEquals("light", one.metric());
        assertEquals(1, one.devices());
        assertEquals(3, one.median(), 3 * ScaleCounts.RESOLUTION);
    }

    @Test
    @DisplayName("the counts survive their store serde")
    void serde() {
        final ScaleCounts counts = count(3, 3.01, 7);
        final var serde = VigilSerdes.scaleCounts();
        assertEquals(counts, serde.deserializer().deserialize("t", serde.serializer().serialize("t", counts)));
    }

    @Test
    @DisplayName("keys: a fleet's type and metric are URL-encoded, so two fleets never share one, nor a device's")
    void keys() {
        assertEquals("fleet/door-sensor/light", FleetScaleCounter.fleetKey("door-sensor", "light"));
        assertNotEquals(FleetScaleCounter.fleetKey("a/b", "c"), FleetScaleCounter.fleetKey("a", "b/c"));
        assertEquals("door-1/light", MetricScale.key("door-1", "light"));
        assertEquals("device/door-1/light", FleetScaleCounter.deviceKey(MetricScale.key("door-1", "light")));
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
