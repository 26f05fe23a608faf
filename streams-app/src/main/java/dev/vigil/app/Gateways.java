package dev.vigil.app;

import dev.vigil.config.VigilConfig;
import dev.vigil.gateway.EdgeAggregator;
import dev.vigil.gateway.GatewayWriter;
import dev.vigil.gateway.MqttBridge;
import dev.vigil.gateway.UdpGateway;
import dev.vigil.ingest.TelemetryLimits;
import dev.vigil.ingest.TelemetryParser;
import java.time.Clock;
import org.apache.kafka.clients.producer.Producer;

/**
 * The optional MQTT bridge and UDP gateway of one instance, sharing one edge aggregator; each is null when it
 * is not enabled. Built unstarted; {@link #start()} connects to the MQTT broker and starts receiving UDP.
 */
final class Gateways implements AutoCloseable {

    private final EdgeAggregator aggregator;
    private final MqttBridge mqtt;
    private final UdpGateway udp;

    Gateways(final VigilConfig config, final Producer<String, byte[]> producer) {
        final boolean mqttOn = config.getBoolean(VigilConfig.MQTT_ENABLED);
        final boolean udpOn = config.getBoolean(VigilConfig.UDP_ENABLED);
        final GatewayWriter writer = new GatewayWriter(producer);
        final Clock clock = Clock.systemUTC();
        this.aggregator = mqttOn || udpOn ? new EdgeAggregator(config.getMillis(VigilConfig.EDGE_INTERVAL_MS),
                EdgeAggregator.Deadband.parse(config.get(VigilConfig.EDGE_DEADBAND)),
                config.getMillis(VigilConfig.EDGE_MAX_SILENCE_MS),
                (reading, done) -> writer.telemetry(reading, "gateway", done), clock::millis) : null;
        this.mqtt = mqttOn ? new MqttBridge(config.get(VigilConfig.MQTT_SERVER), config.get(VigilConfig.MQTT_TOPIC),
                config.get(VigilConfig.MQTT_CLIENT_ID), new TelemetryParser(TelemetryLimits.from(config)),
                aggregator, writer, clock) : null;
        this.udp = udpOn ? new UdpGateway(config.get(VigilConfig.UDP_HOST), config.getInt(VigilConfig.UDP_PORT),
                UdpGateway.parseDevices(config.get(VigilConfig.UDP_DEVICES)), aggregator, writer, clock) : null;
    }

    void start() {
        if (mqtt != null) {
            mqtt.start();
        }
        if (udp != null) {
            final Thread thread = new Thread(udp, "udp-gateway");
            thread.setDaemon(true);
            thread.start();
        }
    }

    int udpPort() {
        return udp == null ? -1 : udp.port();
    }

    @Override
    public void close() {
        if (mqtt != null) {
            mqtt.close();
        }
        if (udp != null) {
            udp.close();
        }
        if (aggregator != null) {
            aggregator.close();
        }
    }
}
