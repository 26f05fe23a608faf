package dev.vigil.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatorCliTest {

    @Test
    @DisplayName("every option reaches SimulatorOptions")
    void options() {
        final SimulatorOptions o = SimulatorCli.parse("--bootstrap-servers", "127.0.0.1:1", "--fleet",
                "door-sensor=7", "--fleet", "temperature-probe=3", "--events-per-second", "20", "--burst-factor", "4",
                "--burst-length", "5s", "--burst-every", "1m", "--anomaly-rate", "0.02", "--kinds", "spike,stuck-at",
                "--seed", "9", "--speed", "60", "--duration", "10m", "--messages", "1000", "--labels-file", "l.jsonl",
                "--gateway-id", "gw-9", "--no-commands", "--transport", "mqtt", "--mqtt-server", "127.0.0.1:1884");
        assertEquals(List.of(Fleet.doorSensors(), Fleet.temperatureProbes()), List.copyOf(o.devicesPerFleet().keySet()));
        assertEquals(10, o.devicesPerFleet().values().stream().mapToInt(Integer::intValue).sum());
        assertEquals(Duration.ofMillis(500), o.interval(), "10 devices at 20 events/s");
        assertEquals(RatePlan.bursty(4, Duration.ofSeconds(5), Duration.ofMinutes(1)), o.rate());
        assertEquals(List.of(AnomalyKind.SPIKE, AnomalyKind.STUCK_AT), o.kinds());
        assertEquals(9, o.seed());
        assertEquals(60, o.speed());
        assertEquals(Duration.ofMinutes(10), o.duration());
        assertEquals(1000, o.maxMessages());
        assertEquals(Path.of("l.jsonl"), o.labelsFile());
        assertEquals("gw-9", o.gatewayId());
        assertFalse(o.commands());
        assertEquals(Transport.MQTT, o.transport());
        assertEquals("127.0.0.1:1884", o.mqttServer());
    }

    @Test
    @DisplayName("defaults: three fleets, 1 s, Kafka, commands on; bad values are refused with a reason")
    void defaultsAndErrors() {
        final SimulatorOptions o = SimulatorCli.parse("--bootstrap-servers", "127.0.0.1:1");
        assertEquals(320, o.devicesPerFleet().values().stream().mapToInt(Integer::intValue).sum());
        assertEquals(Duration.ofSeconds(1), o.interval());
        assertTrue(o.commands());
        assertEquals(Transport.KAFKA, o.transport());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SimulatorCli.parse("--fleet", "toaster=3"))
                .getMessage().contains("unknown fleet 'toaster'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SimulatorCli.parse("--kinds", "meteor"))
                .getMessage().contains("unknown anomaly kind"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SimulatorCli.parse("--interval", "soon"))
                .getMessage().contains("not a duration"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SimulatorCli.parse("--bootstrap-servers", ""))
                .getMessage().contains("bootstrap servers"));
    }

    @Test
    @DisplayName("replay reads NAB CSV and PurpleAir JSON in time order, and refuses malformed files with the line")
    void replayFiles(@TempDir final Path dir) throws Exception {
        final Path csv = Files.writeString(dir.resolve("s.csv"),
                "timestamp,value\n2013-12-02 21:20:00,74.5\n2013-12-02 21:15:00,73.9\n");
        final ReplaySeries nab = SimulatorCli.ReplayCommand.read(csv, "nab-1", null, "temperature");
        assertEquals(2, nab.samples().size());
        assertEquals(Instant.parse("2013-12-02T21:15:00Z"), nab.samples().get(0).timestamp());
        assertEquals(73.9, nab.samples().get(0).readings().get("temperature"));
        final Path json = Files.writeString(dir.resolve("p.json"), "{\"fields\":[\"time_stamp\",\"pm2.5_atm\","
                + "\"humidity\",\"name\"],\"data\":[[1700000060,12.5,null,\"x\"],[1700000000,10.0,40,\"x\"]]}");
        final ReplaySeries pa = SimulatorCli.ReplayCommand.read(json, "pa-1", null, "unused");
        assertEquals(Instant.ofEpochSecond(1700000000), pa.samples().get(0).timestamp());
        assertEquals(2, pa.samples().get(1).readings().size());
        assertEquals(12.5, pa.samples().get(1).readings().get("pm2.5_atm"));
        assertTrue(pa.samples().get(1).readings().containsKey("humidity"));
        final Instant now = Instant.parse("2026-11-22T12:00:00Z");
        assertEquals(now, nab.endingAt(now).samples().get(1).timestamp());
        final Path bad = Files.writeString(dir.resolve("b.csv"), "timestamp,value\n2013-12-02 21:15:00,hot\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SimulatorCli.ReplayCommand.read(bad, "x", null, "v"))
                .getMessage().contains("b.csv:2"));
    }

    @Test
    @DisplayName("the shared NAB files replay whole, when ../shared is present")
    void sharedNabFiles() throws Exception {
        final Path nab = Path.of("..", "..", "shared", "data", "nab");
        if (!Files.isDirectory(nab)) {
            return; // the project must work without ../shared; the synthetic files above cover the reader
        }
        try (var files = Files.walk(nab)) {
            for (final Path csv : files.filter(p -> p.toString().endsWith(".csv")).toList()) {
                final long lines = Files.lines(csv).count() - 1;
                assertEquals(lines, SimulatorCli.ReplayCommand.read(csv, "nab", null, "value").samples().size(), csv.toString());
            }
        }
    }
}
