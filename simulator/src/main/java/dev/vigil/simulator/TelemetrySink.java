package dev.vigil.simulator;

import java.util.List;
import org.apache.kafka.clients.producer.Producer;

/** Where simulated telemetry goes: Kafka, Vigil's HTTP gateway, or an MQTT broker. */
interface TelemetrySink extends AutoCloseable {

    /** The sink of the options' transport; the Kafka one writes through {@code producer}. */
    static TelemetrySink of(final SimulatorOptions options, final Producer<String, byte[]> producer,
            final SimulatorJson json) {
        return switch (options.transport()) {
            case KAFKA -> new KafkaTelemetrySink(producer, options.topics().telemetry(), json);
            case HTTP -> new HttpTelemetrySink(options.httpUrl(), json);
            case MQTT -> new MqttTelemetrySink(options.mqttServer(), options.mqttTopic(), json);
        };
    }

    /** Registers devices when this transport can (HTTP: {@code PUT /api/devices/{id}}); false when it cannot. */
    boolean register(List<RegistryEntry> entries);

    /** Sends messages; may return before they are delivered. */
    void send(List<Sample> samples);

    /** Waits until everything sent so far was delivered; throws if anything failed. */
    void flush();

    @Override
    void close();
}
