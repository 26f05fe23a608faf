package dev.vigil.gateway;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import dev.vigil.ingest.ParseResult;
import dev.vigil.ingest.TelemetryParser;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscribes to {@code vigil/+/telemetry} (configurable) with QoS 1 and forwards each message to {@code telemetry},
 * the device id taken from the topic level where the filter has {@code +}. Each message is validated like the
 * stream validates it; a bad one goes to {@code telemetry-dlq} with the reason. A message is acknowledged to the
 * MQTT broker only after Kafka acknowledged what became of it (forwarded, dead-lettered or dropped on purpose
 * by the edge aggregator), and the session is persistent (clean session off), so a bridge that stops loses
 * nothing: the broker delivers the unacknowledged messages again when it reconnects.
 */
public final class MqttBridge implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MqttBridge.class);

    private final Mqtt3AsyncClient client;
    private final String filter;
    private final int deviceLevel;
    private final TelemetryParser parser;
    private final EdgeAggregator aggregator;
    private final GatewayWriter writer;
    private final Clock clock;

    public MqttBridge(final String server, final String filter, final String clientId, final TelemetryParser parser,
            final EdgeAggregator aggregator, final GatewayWriter writer, final Clock clock) {
        final int colon = server.lastIndexOf(':');
        if (colon < 1) {
            throw new IllegalArgumentException("ingest.mqtt.server must be host:port, was '" + server + "'");
        }
        this.filter = filter;
        this.deviceLevel = deviceLevel(filter);
        this.parser = parser;
        this.aggregator = aggregator;
        this.writer = writer;
        this.clock = clock;
        this.client = Mqtt3Client.builder()
                .identifier(clientId)
                .serverHost(server.substring(0, colon))
                .serverPort(Integer.parseInt(server.substring(colon + 1)))
                .automaticReconnectWithDefaultConfig()
                .buildAsync();
    }

    /**
     * Connects (persistent session) and subscribes; returns once the broker granted the subscription. The
     * message callback is registered before connecting: a resumed session delivers what was queued right after
     * the CONNACK, before any new SUBSCRIBE, and those messages must not find the client without a handler.
     */
    public MqttBridge start() {
        client.publishes(MqttGlobalPublishFilter.ALL, this::onMessage, true);
        client.connectWith().cleanSession(false).send().orTimeout(30, TimeUnit.SECONDS).join();
        client.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE)
                .send().orTimeout(30, TimeUnit.SECONDS).join();
        LOG.info("MQTT bridge subscribed to '{}' with QoS 1", filter);
        return this;
    }

    /**
     * Which topic level holds the device id: where the filter has {@code +}, not counting a shared-subscription
     * prefix ({@code $share/GROUP/}), which is not part of the topics delivered. -1 when there is no {@code +}.
     */
    static int deviceLevel(final String filter) {
        final String topicFilter = filter.startsWith("$share/")
                ? filter.substring(filter.indexOf('/', "$share/".length()) + 1) : filter;
        return java.util.Arrays.asList(topicFilter.split("/", -1)).indexOf("+");
    }

    /** The device id in {@code topic} (the level where the filter has {@code +}), or null. */
    String deviceId(final String topic) {
        if (deviceLevel < 0) {
            return null;
        }
        final String[] levels = topic.split("/", -1);
        return deviceLevel < levels.length ? levels[deviceLevel] : null;
    }

    private void onMessage(final Mqtt3Publish message) {
        final String topic = message.getTopic().toString();
        final String source = "mqtt:" + topic;
        final String deviceId = deviceId(topic);
        final byte[] payload = message.getPayloadAsBytes();
        final long now = clock.millis();
        try {
            final ParseResult result = parser.parse(deviceId == null ? null : deviceId.getBytes(StandardCharsets.UTF_8),
                    payload, now);
            if (result instanceof ParseResult.Valid valid) {
                aggregator.offer(valid.telemetry(), message::acknowledge);
            } else if (result instanceof ParseResult.Invalid invalid) {
                writer.deadLetter(invalid.reason(), invalid.detail(), source, deviceId, payload, now, message::acknowledge);
            }
        } catch (final RuntimeException e) {
            LOG.error("MQTT message on {} could not be handled; left unacknowledged", topic, e);
        }
    }

    @Override
    public void close() {
        client.disconnect().orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
    }
}
