package dev.vigil.query;

import com.fasterxml.jackson.databind.JavaType;
import dev.vigil.registry.Device;
import dev.vigil.state.DeviceState;
import dev.vigil.topology.StoreNames;
import dev.vigil.topology.Topics;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Lists every device that has sent telemetry, across all instances: the instance asked gathers one page from
 * each instance's active stores ({@code /internal/devices}) and merges them in device-id order. If the active
 * stores do not cover every partition (startup, rebalance) or an instance does not answer, it answers 503
 * rather than an incomplete list.
 */
public final class DeviceDirectory {

    private static final int RETRY_AFTER_SECONDS = 1;

    private final KafkaStreams streams;
    private final InstanceLocator locator;
    private final StoreReaders stores;
    private final RemoteInstances remote;
    private final int partitions;

    /** @param partitions the number of {@code telemetry} partitions, which the active stores must cover */
    public DeviceDirectory(final KafkaStreams streams, final InstanceLocator locator, final StoreReaders stores,
            final RemoteInstances remote, final int partitions) {
        this.streams = streams;
        this.locator = locator;
        this.stores = stores;
        this.remote = remote;
        this.partitions = partitions;
    }

    /** The fleet-wide page. */
    public DevicePage list(final DeviceFilter filter) {
        final List<StreamsMetadata> instances = new ArrayList<>(streams.streamsMetadataForStore(StoreNames.DEVICE_STATE));
        requireFullCoverage(instances);
        final JavaType pageType = remote.mapper().constructType(DevicePage.class);
        final List<DeviceSummary> merged = new ArrayList<>();
        boolean more = false;
        for (final StreamsMetadata instance : instances) {
            final DevicePage part = instance.hostInfo().equals(locator.self()) ? local(filter)
                    : remote.<DevicePage>get(instance.hostInfo(), "/internal/devices" + filter.query(), pageType)
                            .map(Served::body).orElse(new DevicePage(List.of(), null));
            merged.addAll(part.devices());
            more |= part.nextCursor() != null;
        }
        return page(merged, filter.limit(), more);
    }

    /** This instance's share: the first {@code limit} matching devices after the cursor in its active stores. */
    public DevicePage local(final DeviceFilter filter) {
        final ReadOnlyKeyValueStore<String, ValueAndTimestamp<Device>> registry = stores.registry();
        final List<DeviceSummary> found = new ArrayList<>();
        boolean more = false;
        for (final int partition : localPartitions()) {
            final ReadOnlyKeyValueStore<String, DeviceState> store = stores.active(partition).states();
            int taken = 0;
            try (KeyValueIterator<String, DeviceState> it = store.range(filter.cursor(), null)) {
                while (it.hasNext() && taken < filter.limit()) {
                    final KeyValue<String, DeviceState> entry = it.next();
                    if (entry.key.equals(filter.cursor())) {
                        continue;
                    }
                    final ValueAndTimestamp<Device> device = registry.get(entry.key);
                    final DeviceSummary summary = summary(entry.value, device == null ? null : device.value());
                    if (matches(summary, filter)) {
                        found.add(summary);
                        taken++;
                    }
                }
                more |= it.hasNext();
            }
        }
        return page(found, filter.limit(), more);
    }

    private Set<Integer> localPartitions() {
        final Set<Integer> local = new HashSet<>();
        for (final StreamsMetadata instance : streams.streamsMetadataForStore(StoreNames.DEVICE_STATE)) {
            if (instance.hostInfo().equals(locator.self())) {
                for (final TopicPartition tp : instance.topicPartitions()) {
                    if (tp.topic().equals(Topics.TELEMETRY)) {
                        local.add(tp.partition());
                    }
                }
            }
        }
        return local;
    }

    private void requireFullCoverage(final List<StreamsMetadata> instances) {
        final Set<Integer> covered = new HashSet<>();
        instances.forEach(i -> i.topicPartitions().stream().filter(tp -> tp.topic().equals(Topics.TELEMETRY))
                .forEach(tp -> covered.add(tp.partition())));
        if (streams.state() != KafkaStreams.State.RUNNING || covered.size() < partitions) {
            throw new ServiceUnavailableException("only " + covered.size() + " of " + partitions
                    + " partitions have an active owner (startup or rebalance)", RETRY_AFTER_SECONDS);
        }
    }

    private static boolean matches(final DeviceSummary s, final DeviceFilter filter) {
        return (filter.type() == null || filter.type().equals(s.type())) && (!filter.anomalous() || s.anomalies() > 0);
    }

    private static DeviceSummary summary(final DeviceState state, final Device device) {
        return new DeviceSummary(state.deviceId(), device == null ? null : device.name(),
                device == null ? null : device.type(), device == null ? null : device.location(), state.lastSeen(),
                state.messages(), state.anomalies(), state.lastAnomaly(), DeviceQueryService.latest(state));
    }

    /** The first {@code limit} in id order; {@code more}: a contributor stopped before its end. */
    private static DevicePage page(final List<DeviceSummary> devices, final int limit, final boolean partsHaveMore) {
        devices.sort(Comparator.comparing(DeviceSummary::deviceId));
        final boolean more = partsHaveMore || devices.size() > limit;
        final List<DeviceSummary> page = List.copyOf(devices.subList(0, Math.min(limit, devices.size())));
        return new DevicePage(page, more && !page.isEmpty() ? page.get(page.size() - 1).deviceId() : null);
    }
}
