package dev.vigil.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;

/** Telemetry messages in the wire format, for tests. */
public final class TelemetryJson {

    private TelemetryJson() {
    }

    public static String nested(final String deviceId, final Instant ts, final String metric, final Double value) {
        return "{\"deviceId\":\"" + deviceId + "\",\"timestamp\":\"" + ts + "\",\"readings\":{\"" + metric + "\":"
                + value + "}}";
    }

    /**
     * Keyed records {key, value}: {@code readings} seconds of one temperature reading per device
     * ({@code prefix-0} …), normal around {@code mean} ± {@code std} from {@code seed}, except where
     * {@code spike.apply(device, reading)} gives a value.
     */
    public static List<String[]> fleet(final String prefix, final int devices, final int readings, final Instant t0,
            final double mean, final double std, final long seed, final BiFunction<Integer, Integer, Double> spike) {
        final Random random = new Random(seed);
        final List<String[]> records = new ArrayList<>();
        for (int i = 0; i < readings; i++) {
            for (int d = 0; d < devices; d++) {
                final String id = prefix + "-" + d;
                final Double special = spike.apply(d, i);
                final double value = special != null ? special : mean + std * random.nextGaussian();
                records.add(new String[] {id, nested(id, t0.plusSeconds(i), "temperature", value)});
            }
        }
        return records;
    }

    public static String flat(final String deviceId, final long epochMs, final String metric, final double value) {
        return "{\"deviceId\":\"" + deviceId + "\",\"timestamp\":" + epochMs + ",\"" + metric + "\":" + value + "}";
    }
}
