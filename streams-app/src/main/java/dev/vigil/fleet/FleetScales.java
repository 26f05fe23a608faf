package dev.vigil.fleet;

import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/** Looks up a fleet's typical noise scale of a metric ({@link FleetScale}). */
@FunctionalInterface
public interface FleetScales {

    /**
     * How many devices' scales a fleet's scale needs before it is used: the median of one or two is one device's
     * scale, which may be anything (a device clipped at a bound, one that drifted through its warm-up).
     */
    long MIN_DEVICES = 3;

    /** No fleet scales: every lookup answers NaN. */
    FleetScales NONE = (deviceType, metric) -> Double.NaN;

    /** The typical scale of {@code metric} across the devices of {@code deviceType}, or NaN when none is known. */
    double scale(String deviceType, String metric);

    /** The scales in the {@code fleet-scales} global store, those of at least {@link #MIN_DEVICES} devices. */
    static FleetScales of(final ReadOnlyKeyValueStore<String, ValueAndTimestamp<FleetScale>> store) {
        return (deviceType, metric) -> {
            final ValueAndTimestamp<FleetScale> entry = store.get(FleetScale.key(deviceType, metric));
            return entry == null || entry.value().devices() < MIN_DEVICES ? Double.NaN : entry.value().scale();
        };
    }
}
