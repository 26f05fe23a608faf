package dev.vigil.state;

import dev.vigil.model.Normalisation;
import java.time.Instant;

/**
 * What Vigil keeps for one metric of one device.
 *
 * @param window the last W values (oldest first), imputed ones included, in the metric's own units
 * @param stats running statistics of the real readings
 * @param received readings received, imputed ones included
 * @param imputed readings that were missing and imputed
 * @param learned the normalisation learned at the end of warm-up (null before); frozen afterwards
 */
public record MetricState(
        double[] window,
        RunningStats stats,
        long received,
        long imputed,
        Instant lastTimestamp,
        Double lastValue,
        boolean lastImputed,
        Normalisation learned) {

    public static final MetricState EMPTY =
            new MetricState(new double[0], RunningStats.EMPTY, 0, 0, null, null, false, null);

}
