package dev.vigil.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The gateways' own formats: MQTT topic levels, SensorUDP packets, the UDP device map. */
class GatewayParsingTest {

    @Test
    @DisplayName("the device id is the topic level at the filter's '+', also under a shared subscription")
    void mqttDeviceLevel() {
        assertEquals(1, MqttBridge.deviceLevel("vigil/+/telemetry"));
        assertEquals(1, MqttBridge.deviceLevel("$share/vigil/vigil/+/telemetry"));
        assertEquals(2, MqttBridge.deviceLevel("site/a/+/data"));
        assertEquals(-1, MqttBridge.deviceLevel("vigil/telemetry"));
    }

    @Test
    @DisplayName("a SensorUDP packet round-trips its 15 named values; other sizes and NaN are refused with the reason")
    void sensorUdpPacket() {
        final Map<String, Double> values = new LinkedHashMap<>();
        for (final String name : SensorUdpPacket.NAMES) {
            if (name != null) {
                values.put(name, (double) values.size() + 0.5);
            }
        }
        assertEquals(values, SensorUdpPacket.decode(SensorUdpPacket.encode(values), SensorUdpPacket.BYTES));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SensorUdpPacket.decode(new byte[80], 67))
                .getMessage().contains("67 bytes"));
        values.put("light", Double.POSITIVE_INFINITY);
        assertThrows(SensorUdpPacket.NonFiniteValue.class,
                () -> SensorUdpPacket.decode(SensorUdpPacket.encode(values), SensorUdpPacket.BYTES));
    }

    @Test
    @DisplayName("ingest.udp.devices maps ip and ip:port to valid device ids")
    void udpDeviceMap() {
        assertEquals(Map.of("10.0.0.5", "front-door", "10.0.0.6:5000", "back-door"),
                UdpGateway.parseDevices("10.0.0.5=front-door, 10.0.0.6:5000=back-door"));
        assertThrows(IllegalArgumentException.class, () -> UdpGateway.parseDevices("10.0.0.5=bad id"));
        assertEquals(Map.of(), UdpGateway.parseDevices(""));
    }
}
