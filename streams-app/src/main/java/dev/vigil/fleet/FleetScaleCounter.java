package dev.vigil.fleet;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the fleet-scales global store from the {@code metric-scales} topic, one hop from the scoring tasks that write
 * it: every instance's global thread counts each device's latest scale into its fleet's {@link ScaleCounts} (key
 * {@link #fleetKey}) and keeps the device's own counted scale (key {@link #deviceKey}) so that a changed or removed
 * scale (a tombstone), or a device that changed type, is taken out of the fleet it was counted in. The store is in
 * memory: on start, Kafka Streams (4.3, as used here; KAFKA-7663) rebuilds it by passing the whole compacted topic
 * through this processor again, which gives the same counts ({@code FleetScalesIT} restarts an instance to check it).
 */
public final class FleetScaleCounter implements Processor<String, MetricScale, Void, Void> {

    private final String storeName;
    private KeyValueStore<String, ScaleCounts> store;

    public FleetScaleCounter(final String storeName) {
        this.storeName = storeName;
    }

    @Override
    public void init(final ProcessorContext<Void, Void> context) {
        store = context.getStateStore(storeName);
    }

    @Override
    public void process(final Record<String, MetricScale> record) {
        final String deviceKey = deviceKey(record.key());
        final ScaleCounts counted = store.get(deviceKey);
        if (counted != null) {
            change(fleetKey(counted.deviceType(), counted.metric()), counted, false);
            store.delete(deviceKey);
        }
        if (record.value() != null) {
            final ScaleCounts scale = ScaleCounts.of(record.value());
            change(fleetKey(scale.deviceType(), scale.metric()), scale, true);
            store.put(deviceKey, scale);
        }
    }

    private void change(final String fleetKey, final ScaleCounts scale, final boolean add) {
        final ScaleCounts fleet = store.get(fleetKey);
        final ScaleCounts counted = fleet == null ? ScaleCounts.none() : fleet;
        final ScaleCounts next = add ? counted.plus(scale) : counted.minus(scale);
        if (next.devices() == 0) {
            store.delete(fleetKey);
        } else {
            store.put(fleetKey, next);
        }
    }

    /**
     * The store key of a fleet's counts: {@code fleet/deviceType/metric}, each part URL-encoded (a {@code /} in either
     * becomes {@code %2F}, so two fleets never share a key).
     */
    public static String fleetKey(final String deviceType, final String metric) {
        return "fleet/" + URLEncoder.encode(deviceType, StandardCharsets.UTF_8) + "/"
                + URLEncoder.encode(metric, StandardCharsets.UTF_8);
    }

    /** The store key of a device's counted scale: {@code device/} and its {@code metric-scales} key. */
    static String deviceKey(final String metricScaleKey) {
        return "device/" + metricScaleKey;
    }
}
