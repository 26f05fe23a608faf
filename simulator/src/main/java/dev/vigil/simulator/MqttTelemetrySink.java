package dev.vigil.simulator;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Telemetry to an MQTT broker (MQTT 3.1.1, QoS 1), one topic per device ({@code vigil/{deviceId}/telemetry} by
 * default), for Vigil's MQTT bridge. {@link #flush()} waits for the broker's PUBACKs.
 */
final class MqttTelemetrySink implements TelemetrySink {

    private final Mqtt3AsyncClient client;
    private final String topicTemplate;
    private final SimulatorJson json;
    private final List<CompletableFuture<?>> inFlight = new ArrayList<>();

    MqttTelemetrySink(final String server, final String topicTemplate, final SimulatorJson json) {
        final int colon = server.lastIndexOf(':');
        if (colon < 1) {
            throw new IllegalArgumentException("MQTT server must be host:port, was '" + server + "'");
        }
        this.client = Mqtt3Client.builder()
                .identifier("vigil-simulator-" + UUID.randomUUID())
                .serverHost(server.substring(0, colon))
                .serverPort(Integer.parseInt(server.substring(colon + 1)))
                .automaticReconnectWithDefaultConfig()
                .buildAsync();
        this.topicTemplate = topicTemplate;
        this.json = json;
        await(client.connect(), "connect to MQTT broker " + server);
    }

    @Override
    public boolean register(final List<RegistryEntry> entries) {
        return false;
    }

    @Override
    public void send(final List<Sample> samples) {
        for (final Sample sample : samples) {
            inFlight.add(client.publishWith()
                    .topic(topicTemplate.replace("{deviceId}", sample.deviceId()))
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .payload(json.telemetry(sample))
                    .send());
        }
        if (inFlight.size() > 10_000) {
            flush();
        }
    }

    @Override
    public void flush() {
        for (final CompletableFuture<?> f : inFlight) {
            await(f, "publish to MQTT");
        }
        inFlight.clear();
    }

    private static void await(final CompletableFuture<?> future, final String what) {
        try {
            future.get(30, TimeUnit.SECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + what, e);
        } catch (final ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not " + what + ": " + e, e);
        }
    }

    @Override
    public void close() {
        client.disconnect().orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
    }
}
