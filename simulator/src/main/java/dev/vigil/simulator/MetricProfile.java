package dev.vigil.simulator;

/**
 * Normal behaviour of one metric of one kind of device, and what its injected spikes look like.
 *
 * <p>A device's value at time t is {@code base + offset + dailyAmplitude * sin(2πt/1 day + phase) + noise * N(0,1)},
 * where each device draws its own {@code offset} from {@code ±deviceSpread} and its own phase.
 *
 * @param missingRate probability that a reading is sent as {@code null} (a missing value)
 * @param spikeLow lowest value of an injected spike
 * @param spikeHigh highest value of an injected spike
 */
public record MetricProfile(
        String name,
        double base,
        double deviceSpread,
        double dailyAmplitude,
        double noise,
        double missingRate,
        double spikeLow,
        double spikeHigh) {

    public MetricProfile {
        if (noise <= 0) {
            throw new IllegalArgumentException("noise must be positive for metric " + name);
        }
        if (missingRate < 0 || missingRate >= 1) {
            throw new IllegalArgumentException("missingRate must be in [0, 1) for metric " + name);
        }
    }
}
