package dev.vigil.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * Generates telemetry for a set of fleets on a simulated clock. Every device sends at {@code start}, then once
 * per interval (its own if a command set one, else the rate plan's). The same seed, start and sequence of
 * calls give the same messages, whatever else happens in the process.
 */
public final class FleetGenerator {

    private record Slot(Instant due, int index) {
    }

    private final List<SimulatedDevice> devices;
    private final Map<String, SimulatedDevice> byId = new LinkedHashMap<>();
    private final double anomalyRate;
    private final List<AnomalyKind> kinds;
    private final Duration interval;
    private final RatePlan rate;
    private final Instant start;
    private final PriorityQueue<Slot> schedule = new PriorityQueue<>(
            Comparator.comparing(Slot::due).thenComparingInt(Slot::index));

    /** Steady one message per device per second from {@code start}, every anomaly kind. */
    public FleetGenerator(final Map<Fleet, Integer> devicesPerFleet, final long seed, final double anomalyRate) {
        this(devicesPerFleet, seed, anomalyRate, List.of(AnomalyKind.values()), Duration.ofSeconds(1),
                RatePlan.STEADY, Instant.EPOCH);
    }

    /**
     * @param anomalyRate probability, per metric and message, of starting an anomaly (0 for normal data only)
     * @param kinds the kinds drawn from, uniformly
     */
    public FleetGenerator(final Map<Fleet, Integer> devicesPerFleet, final long seed, final double anomalyRate,
            final List<AnomalyKind> kinds, final Duration interval, final RatePlan rate, final Instant start) {
        if (anomalyRate < 0 || anomalyRate > 1) {
            throw new IllegalArgumentException("anomalyRate must be in [0, 1], was " + anomalyRate);
        }
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("interval must be positive");
        }
        this.anomalyRate = anomalyRate;
        this.kinds = List.copyOf(kinds);
        this.interval = interval;
        this.rate = rate;
        this.start = start;
        final List<SimulatedDevice> all = new ArrayList<>();
        long deviceSeed = seed;
        for (final Map.Entry<Fleet, Integer> fleet : devicesPerFleet.entrySet()) {
            for (int i = 1; i <= fleet.getValue(); i++) {
                deviceSeed = deviceSeed * 6364136223846793005L + 1442695040888963407L;
                final SimulatedDevice device = new SimulatedDevice(fleet.getKey().deviceId(i), fleet.getKey(), deviceSeed);
                all.add(device);
                byId.put(device.id(), device);
            }
        }
        this.devices = List.copyOf(all);
        for (int i = 0; i < devices.size(); i++) {
            schedule.add(new Slot(start, i));
        }
    }

    /** One message from every device, all stamped {@code time} (ignores the schedule; for tests and benchmarks). */
    public List<Sample> tick(final Instant time) {
        final List<Sample> samples = new ArrayList<>(devices.size());
        for (final SimulatedDevice device : devices) {
            samples.add(device.next(time, anomalyRate, kinds));
        }
        return samples;
    }

    /** Every message due up to and including {@code until}, in time order; offline devices send nothing. */
    public List<Sample> advance(final Instant until) {
        final List<Sample> samples = new ArrayList<>();
        while (!schedule.isEmpty() && !schedule.peek().due().isAfter(until)) {
            final Slot slot = schedule.poll();
            final SimulatedDevice device = devices.get(slot.index());
            if (!device.offline()) {
                samples.add(device.next(slot.due(), anomalyRate, kinds));
            }
            final Duration base = device.interval() != null ? device.interval() : interval;
            schedule.add(new Slot(slot.due().plus(rate.intervalAt(base, Duration.between(start, slot.due()))),
                    slot.index()));
        }
        return samples;
    }

    /** When the next message is due. */
    public Instant nextDue() {
        return schedule.isEmpty() ? Instant.MAX : schedule.peek().due();
    }

    /**
     * Carries out a command for one of this generator's devices; empty when the device is not simulated here
     * (another consumer may own it).
     */
    public Optional<CommandAck> apply(final DeviceCommand command, final Instant now) {
        final SimulatedDevice device = byId.get(command.deviceId());
        if (device == null) {
            return Optional.empty();
        }
        if (command.expiresAt() != null && now.isAfter(command.expiresAt())) {
            return Optional.of(CommandAck.failed(command, "expired at " + command.expiresAt() + " before it arrived", now));
        }
        try {
            return Optional.of(CommandAck.ok(command, execute(device, command), now));
        } catch (final IllegalArgumentException | IllegalStateException e) {
            return Optional.of(CommandAck.failed(command, e.getMessage(), now));
        }
    }

    private static String execute(final SimulatedDevice device, final DeviceCommand command) {
        switch (command.name()) {
            case "reset" -> {
                device.reset();
                return "anomalies ended, rate and online state restored";
            }
            case "set-rate" -> {
                final long ms = longArg(command, "intervalMs");
                if (ms < 10 || ms > 86_400_000) {
                    throw new IllegalArgumentException("intervalMs must be between 10 and 86400000");
                }
                device.interval(Duration.ofMillis(ms));
                return "interval " + ms + " ms";
            }
            case "set-offline" -> {
                device.offline(true);
                return "offline";
            }
            case "set-online" -> {
                device.offline(false);
                return "online";
            }
            case "inject" -> {
                final AnomalyKind kind = AnomalyKind.parse(String.valueOf(command.args().getOrDefault("kind", "spike")));
                final Object metric = command.args().get("metric");
                final String name = metric != null ? metric.toString() : firstAnomalyMetric(device.fleet());
                final int readings = command.args().containsKey("readings") ? (int) longArg(command, "readings") : 0;
                if (readings < 0 || readings > 10_000) {
                    throw new IllegalArgumentException("readings must be between 1 and 10000");
                }
                device.inject(kind, name, readings);
                return kind.wireName() + " on " + name;
            }
            default -> throw new IllegalArgumentException("unknown command '" + command.name() + "'");
        }
    }

    private static long longArg(final DeviceCommand command, final String name) {
        final Object value = command.args().get(name);
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.longValue();
        }
        throw new IllegalArgumentException(command.name() + " needs an integer argument '" + name + "'");
    }

    private static String firstAnomalyMetric(final Fleet fleet) {
        return fleet.metrics().stream().map(MetricProfile::name).filter(fleet::takesAnomalies).findFirst().orElseThrow();
    }

    /** Labels that ended without a message (after a reset), and, when {@code stopping}, those still open. */
    public List<Label> pendingLabels(final boolean stopping) {
        final List<Label> labels = new ArrayList<>();
        for (final SimulatedDevice device : devices) {
            labels.addAll(device.drainFinished());
            if (stopping) {
                labels.addAll(device.openLabels());
            }
        }
        return labels;
    }

    /** Registry entries for every simulated device, in the wire format of the {@code devices} topic. */
    public List<RegistryEntry> registry() {
        final List<RegistryEntry> entries = new ArrayList<>(devices.size());
        for (final SimulatedDevice device : devices) {
            final Map<String, RegistryEntry.Metric> metrics = new LinkedHashMap<>();
            device.fleet().metrics().stream().filter(MetricProfile::circular)
                    .forEach(m -> metrics.put(m.name(), new RegistryEntry.Metric(m.max() - m.min())));
            entries.add(new RegistryEntry(device.id(), device.fleet().displayName() + " " + device.id(),
                    device.fleet().type(), "simulated", metrics));
        }
        return entries;
    }

    public int deviceCount() {
        return devices.size();
    }
}
