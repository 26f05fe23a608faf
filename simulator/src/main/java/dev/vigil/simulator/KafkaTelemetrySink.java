package dev.vigil.simulator;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Telemetry straight to the {@code telemetry} topic, keyed by device id. Does not own the producer. */
final class KafkaTelemetrySink implements TelemetrySink {

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final SimulatorJson json;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    KafkaTelemetrySink(final Producer<String, byte[]> producer, final String topic, final SimulatorJson json) {
        this.producer = producer;
        this.topic = topic;
        this.json = json;
    }

    @Override
    public boolean register(final List<RegistryEntry> entries) {
        return false;
    }

    @Override
    public void send(final List<Sample> samples) {
        throwIfFailed();
        for (final Sample sample : samples) {
            producer.send(new ProducerRecord<>(topic, sample.deviceId(), json.telemetry(sample)), (m, e) -> {
                if (e != null) {
                    failure.compareAndSet(null, e);
                }
            });
        }
    }

    @Override
    public void flush() {
        producer.flush();
        throwIfFailed();
    }

    private void throwIfFailed() {
        if (failure.get() != null) {
            throw new IllegalStateException("a telemetry send failed", failure.get());
        }
    }

    @Override
    public void close() {
        // the simulator owns the producer
    }
}
