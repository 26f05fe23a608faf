package dev.vigil.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Generates telemetry for a set of fleets. The same seed and the same sequence of {@link #tick} times give the
 * same messages, whatever else happens in the process.
 */
public final class FleetGenerator {

    private final List<SimulatedDevice> devices;
    private final double anomalyRate;

    /**
     * @param devicesPerFleet how many devices of each fleet to simulate
     * @param anomalyRate probability, per metric and message, of injecting a spike (0 for normal data only)
     */
    public FleetGenerator(final Map<Fleet, Integer> devicesPerFleet, final long seed, final double anomalyRate) {
        if (anomalyRate < 0 || anomalyRate > 1) {
            throw new IllegalArgumentException("anomalyRate must be in [0, 1], was " + anomalyRate);
        }
        this.anomalyRate = anomalyRate;
        final List<SimulatedDevice> all = new ArrayList<>();
        long deviceSeed = seed;
        for (final Map.Entry<Fleet, Integer> fleet : devicesPerFleet.entrySet()) {
            for (int i = 1; i <= fleet.getValue(); i++) {
                deviceSeed = deviceSeed * 6364136223846793005L + 1442695040888963407L;
                all.add(new SimulatedDevice(fleet.getKey().deviceId(i), fleet.getKey(), deviceSeed));
            }
        }
        this.devices = List.copyOf(all);
    }

    /** One message from every device, all stamped {@code time}. */
    public List<Sample> tick(final Instant time) {
        final List<Sample> samples = new ArrayList<>(devices.size());
        for (final SimulatedDevice device : devices) {
            samples.add(device.next(time, anomalyRate));
        }
        return samples;
    }

    /** Registry entries for every simulated device, in the wire format of the {@code devices} topic. */
    public List<RegistryEntry> registry() {
        final List<RegistryEntry> entries = new ArrayList<>(devices.size());
        for (final SimulatedDevice device : devices) {
            entries.add(new RegistryEntry(device.id(), device.fleet().displayName() + " " + device.id(),
                    device.fleet().type(), "simulated"));
        }
        return entries;
    }

    public int deviceCount() {
        return devices.size();
    }
}
