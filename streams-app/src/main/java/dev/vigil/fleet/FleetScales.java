package dev.vigil.fleet;

import java.util.function.LongSupplier;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Looks up a fleet's typical noise scale of a metric: the median of its devices' scales ({@link ScaleCounts}). */
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

    /**
     * The fleets counted in the fleet-scales global store ({@link FleetScaleCounter}), those of at least
     * {@link #MIN_DEVICES} devices, each remembered for {@link StoreFleetScales#KEPT_MS} of {@code clockMs} once
     * found: a dark sensor asks on every reading, and reading a fleet's counts from the store took 4-12 µs (6-20 times
     * a device state's read), cached 0.03-0.04 µs (SerdeBenchmark; BENCHMARKS.md, session 27).
     */
    static FleetScales of(final ReadOnlyKeyValueStore<String, ScaleCounts> store, final LongSupplier clockMs) {
        return new StoreFleetScales(store, clockMs);
    }
}
