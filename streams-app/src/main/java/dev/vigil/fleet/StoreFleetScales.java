package dev.vigil.fleet;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * {@link FleetScales} read from the fleet-scales global store, each fleet's scale kept for {@link #KEPT_MS} once
 * found (a fleet not yet known is asked again on the next lookup, so a new fleet is used as soon as it is counted).
 * One per scoring task: not thread-safe.
 */
final class StoreFleetScales implements FleetScales {

    /** How long a found scale is used before the store is read again: changes to a known fleet wait this long. */
    static final long KEPT_MS = 1_000;

    private final ReadOnlyKeyValueStore<String, ScaleCounts> store;
    private final LongSupplier clockMs;
    private final Map<String, Map<String, Found>> found = new HashMap<>();

    StoreFleetScales(final ReadOnlyKeyValueStore<String, ScaleCounts> store, final LongSupplier clockMs) {
        this.store = store;
        this.clockMs = clockMs;
    }

    @Override
    public double scale(final String deviceType, final String metric) {
        final long now = clockMs.getAsLong();
        final Map<String, Found> ofType = found.computeIfAbsent(deviceType, type -> new HashMap<>());
        final Found kept = ofType.get(metric);
        if (kept != null && now < kept.until()) {
            return kept.scale();
        }
        final ScaleCounts fleet = store.get(FleetScaleCounter.fleetKey(deviceType, metric));
        if (fleet == null || fleet.devices() < MIN_DEVICES) {
            ofType.remove(metric);
            return Double.NaN;
        }
        final double scale = fleet.median();
        ofType.put(metric, new Found(scale, now + KEPT_MS));
        return scale;
    }

    private record Found(double scale, long until) {
    }
}
