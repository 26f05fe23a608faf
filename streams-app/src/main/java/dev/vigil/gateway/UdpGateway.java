package dev.vigil.gateway;

import dev.vigil.ingest.DlqReason;
import dev.vigil.ingest.Telemetry;
import dev.vigil.ingest.TelemetryParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives SensorUDP packets ({@link SensorUdpPacket}) and forwards each as telemetry, stamped with the time it
 * arrived. The device id comes from the configured map ({@code ip=id} or {@code ip:port=id}), else from the
 * sender: {@code udp-192-168-1-20}. A malformed packet goes to {@code telemetry-dlq} with the reason.
 */
public final class UdpGateway implements Runnable, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UdpGateway.class);

    private final DatagramSocket socket;
    private final Map<String, String> devices;
    private final EdgeAggregator aggregator;
    private final GatewayWriter writer;
    private final Clock clock;
    private volatile boolean running = true;

    public UdpGateway(final String host, final int port, final Map<String, String> devices,
            final EdgeAggregator aggregator, final GatewayWriter writer, final Clock clock) {
        try {
            this.socket = new DatagramSocket(new InetSocketAddress(host, port));
        } catch (final SocketException e) {
            throw new UncheckedIOException("cannot listen for UDP on " + host + ":" + port, e);
        }
        this.devices = Map.copyOf(devices);
        this.aggregator = aggregator;
        this.writer = writer;
        this.clock = clock;
    }

    /** {@code 192.168.1.20=front-door,192.168.1.21:5000=back-door}. */
    public static Map<String, String> parseDevices(final String spec) {
        final Map<String, String> map = new HashMap<>();
        if (spec != null && !spec.isBlank()) {
            for (final String part : spec.split(",")) {
                final int eq = part.lastIndexOf('=');
                final String id = eq < 1 ? "" : part.substring(eq + 1).trim();
                if (!TelemetryParser.DEVICE_ID_PATTERN.matcher(id).matches()) {
                    throw new IllegalArgumentException("ingest.udp.devices takes ip[:port]=deviceId, was '" + part + "'");
                }
                map.put(part.substring(0, eq).trim(), id);
            }
        }
        return map;
    }

    public int port() {
        return socket.getLocalPort();
    }

    @Override
    public void run() {
        final byte[] buffer = new byte[2048];
        while (running) {
            final DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (final IOException e) {
                if (running) {
                    LOG.warn("UDP receive failed: {}", e.toString());
                }
                continue;
            }
            handle(packet);
        }
    }

    private void handle(final DatagramPacket packet) {
        final String host = packet.getAddress().getHostAddress();
        final String source = "udp:" + host + ":" + packet.getPort();
        final String deviceId = devices.getOrDefault(host + ":" + packet.getPort(),
                devices.getOrDefault(host, "udp-" + host.replaceAll("[^A-Za-z0-9]", "-")));
        final long now = clock.millis();
        try {
            final Map<String, Double> readings = SensorUdpPacket.decode(packet.getData(), packet.getLength());
            aggregator.offer(new Telemetry(deviceId, clock.instant(), readings), () -> { });
        } catch (final SensorUdpPacket.NonFiniteValue e) {
            reject(DlqReason.NON_FINITE_VALUE, e.getMessage(), source, deviceId, packet, now);
        } catch (final IllegalArgumentException e) {
            reject(DlqReason.MALFORMED_PACKET, e.getMessage(), source, deviceId, packet, now);
        }
    }

    private void reject(final DlqReason reason, final String detail, final String source, final String deviceId,
            final DatagramPacket packet, final long now) {
        final byte[] bytes = Arrays.copyOfRange(packet.getData(), 0, packet.getLength());
        writer.deadLetter(reason, detail, source, deviceId, bytes, now, () -> { });
    }

    @Override
    public void close() {
        running = false;
        socket.close();
    }
}
