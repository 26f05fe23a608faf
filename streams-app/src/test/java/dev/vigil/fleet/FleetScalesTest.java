package dev.vigil.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.model.score.ModelArtifacts;
import dev.vigil.testing.CountingScorer;
import dev.vigil.topology.StoreNames;
import dev.vigil.topology.TopologyHarness;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lookups in the fleet-scales global store (of the topology under the test driver), with the clock under test. */
class FleetScalesTest {

    @AutoClose
    private static final CountingScorer scorer = new CountingScorer(ModelArtifacts.loadDefault());
    @TempDir
    Path stateDir;

    private static ScaleCounts lights(final double... scales) {
        ScaleCounts counts = ScaleCounts.none();
        for (final double scale : scales) {
            counts = counts.plus(ScaleCounts.of(new MetricScale("door-sensor", "light", scale)));
        }
        return counts;
    }

    @Test
    @DisplayName("a fleet's median from 3 devices on; a found scale is kept for a second, a fleet not found is asked again at once")
    void lookups() {
        try (TopologyHarness h = new TopologyHarness(scorer, stateDir, Map.of())) {
            final KeyValueStore<String, ScaleCounts> store = h.driver.getKeyValueStore(StoreNames.FLEET_SCALES);
            final AtomicLong clock = new AtomicLong(1_000_000);
            final FleetScales fleets = FleetScales.of(store, clock::get);
            final String key = FleetScaleCounter.fleetKey("door-sensor", "light");

            assertTrue(Double.isNaN(fleets.scale("door-sensor", "light")), "no fleet");
            store.put(key, lights(3, 4));
            assertTrue(Double.isNaN(fleets.scale("door-sensor", "light")), "two devices are not a fleet");
            store.put(key, lights(3, 4, 40));
            assertEquals(4, fleets.scale("door-sensor", "light"), 4 * ScaleCounts.RESOLUTION, "counted at once");
            assertTrue(Double.isNaN(fleets.scale("lamp", "light")), "another type, another fleet");

            store.put(key, lights(3, 10, 40));
            clock.addAndGet(StoreFleetScales.KEPT_MS - 1);
            assertEquals(4, fleets.scale("door-sensor", "light"), 4 * ScaleCounts.RESOLUTION, "kept");
            clock.incrementAndGet();
            assertEquals(10, fleets.scale("door-sensor", "light"), 10 * ScaleCounts.RESOLUTION, "read again");

            store.delete(key);
            clock.addAndGet(StoreFleetScales.KEPT_MS);
            assertTrue(Double.isNaN(fleets.scale("door-sensor", "light")), "gone");
        }
    }
}
