package dev.vigil.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.evaluate.EvaluationPipeline;
import dev.vigil.evaluate.Evaluations;
import dev.vigil.evaluate.NabCorpus;
import dev.vigil.evaluate.NabScoring;
import dev.vigil.model.score.AutoencoderScorer;
import dev.vigil.model.score.ModelArtifacts;
import dev.vigil.scoring.ScoreRecord;
import dev.vigil.simulator.AnomalyKind;
import dev.vigil.simulator.Fleet;
import dev.vigil.state.DeviceState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evaluate command's two evaluations, small, through the real pipeline (a broker and an app per run). */
class EvaluationIT {

    private static AutoencoderScorer scorer;
    @TempDir
    Path dir;

    @BeforeAll
    static void load() {
        scorer = ModelArtifacts.loadDefault();
    }

    @AfterAll
    static void close() {
        scorer.close();
    }

    @Test
    @DisplayName("NAB: a file with one clear fault inside its window scores that window and lands near NAB's 100")
    void nab() throws Exception {
        final DateTimeFormatter nab = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
        final Instant t0 = Instant.parse("2014-01-01T00:00:00Z");
        final Random random = new Random(5);
        final StringBuilder csv = new StringBuilder("timestamp,value\n");
        for (int i = 0; i < 600; i++) {
            final double value = i == 420 ? 95.0 : 70 + 0.3 * random.nextGaussian();
            csv.append(nab.format(t0.plus(Duration.ofMinutes(5L * i)))).append(',')
                    .append(String.format(java.util.Locale.ROOT, "%.3f", value)).append('\n');
        }
        final Path data = Files.createDirectories(dir.resolve("nab"));
        Files.writeString(data.resolve("fault.csv"), csv);
        Files.writeString(data.resolve("windows.json"), "{\"fault.csv\": [[\"" + nab.format(t0.plus(Duration.ofMinutes(5 * 400)))
                + ".000000\", \"" + nab.format(t0.plus(Duration.ofMinutes(5 * 439))) + ".000000\"]]}");
        final List<Evaluations.NabFileResult> results = Evaluations.nab(NabCorpus.read(data, "value"), scorer, Map.of(),
                dir.resolve("work-nab"));
        final NabScoring.Result standard = results.get(0).byProfile().get(NabScoring.Profile.STANDARD);
        assertEquals(600, results.get(0).rows());
        assertEquals(1, standard.windowsDetected());
        assertEquals(t0.plus(Duration.ofMinutes(5 * 420)), standard.firstDetections().get(0));
        assertEquals(0, standard.falsePositives(), "steady noise raises no alarm");
        assertTrue(standard.normalised() > 70, "detected halfway into the window: " + standard.normalised());
        final List<String> details = dev.vigil.evaluate.EvaluateMain.nabDetails(results);
        assertEquals(1, details.size(), "one line per detection: " + details);
        final var line = dev.vigil.serde.Json.mapper().readTree(details.get(0));
        assertEquals(420, line.get("row").asInt());
        assertEquals("window 1", line.get("placement").asText());
        assertEquals(95.0, line.get("score").get("value").asDouble(), 1e-9);
    }

    @Test
    @DisplayName("a pipeline whose instance cannot start closes its broker: the same directory starts again")
    void failedStartLeavesNoBroker() {
        final IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> EvaluationPipeline.start(dir.resolve("again"), scorer, Map.of("threshold", "-1")));
        assertTrue(e.getMessage().contains("threshold"), e.getMessage());
        try (EvaluationPipeline pipeline = EvaluationPipeline.start(dir.resolve("again"), scorer, Map.of())) {
            org.junit.jupiter.api.Assertions.assertNotNull(pipeline, "started again on the same directory");
        }
    }

    @Test
    @DisplayName("simulator: spikes on probes are found and normal data raises no alarm")
    void simulator() throws Exception {
        final List<Evaluations.SimulatorResult> results = Evaluations.simulator(Map.of(Fleet.temperatureProbes(), 5),
                7, 400, 0.01, List.of(AnomalyKind.SPIKE), Duration.ofSeconds(2), Duration.ofSeconds(16), scorer,
                Map.of(), dir.resolve("work-sim"), "probe-2");
        assertEquals(2, results.size(), "a run without anomalies, then one with spikes");
        assertEquals(0, results.get(0).counts().alarms());
        assertEquals(5 * (400 - 15), results.get(0).readings(), "every reading from the window's 16th on is scored");
        final var spikes = results.get(1).counts();
        assertTrue(spikes.events() >= 10, "events " + spikes.events());
        assertTrue(spikes.recall() >= 0.8, "recall " + spikes.recall() + " " + spikes.missed());
        assertTrue(spikes.precision() >= 0.9, "precision " + spikes.precision() + " " + spikes.falseAlarms());
        // the traced device: every one of its scores and labels, and nothing of another device
        for (final Evaluations.SimulatorResult r : results) {
            assertEquals(400 - 15, r.trace().scores().size(), "probe-2's scores");
            assertTrue(r.trace().scores().stream().allMatch(s -> s.deviceId().equals("probe-2")));
            assertTrue(r.trace().labels().stream().allMatch(l -> l.deviceId().equals("probe-2")));
            // and its state as the store wrote it: at least one per message, in the order of its messages
            final List<Long> messages = r.trace().states().stream().map(DeviceState::messages).toList();
            assertTrue(r.trace().states().stream().allMatch(st -> st.deviceId().equals("probe-2")));
            assertEquals(LongStream.rangeClosed(1, 400).boxed().toList(), messages.stream().distinct().toList(),
                    "every message's state, oldest first");
            assertEquals(messages.stream().sorted().toList(), messages, "in the order of the messages");
        }
        assertEquals(List.of(), results.get(0).trace().labels(), "no labels on normal data");
        final List<Instant> times = results.get(1).trace().scores().stream().map(ScoreRecord::timestamp).toList();
        assertEquals(times.stream().sorted().toList(), times, "in time order");
    }

    @Test
    @DisplayName("the command with several seeds prints each seed's table, then the pooled one; details name the seed")
    void severalSeeds() throws Exception {
        final Path details = dir.resolve("details.jsonl");
        final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        final java.io.PrintStream out = System.out;
        final int exit;
        System.setOut(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            exit = dev.vigil.evaluate.EvaluateMain.commandLine().execute("simulator", "--seed", "3,4", "--fleet",
                    "temperature-probe=3", "--ticks", "120", "--anomaly-rate", "0.02", "--kinds", "spike", "--details",
                    details.toString(), "--work-dir", dir.resolve("work-cli").toString());
        } finally {
            System.setOut(out);
        }
        final String printed = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, exit, printed);
        assertTrue(printed.contains("### Seed 3") && printed.contains("### Seed 4"), printed);
        assertTrue(printed.contains("### 2 seeds pooled"), printed);
        final List<String> pooled = printed.lines().dropWhile(l -> !l.startsWith("### 2 seeds pooled"))
                .filter(l -> l.startsWith("| temperature-probe |")).toList();
        assertEquals(2, pooled.size(), "normal data and spikes: " + printed);
        assertTrue(pooled.get(1).startsWith("| temperature-probe | spike | 2 | "), pooled.get(1));
        final List<com.fasterxml.jackson.databind.JsonNode> lines = new java.util.ArrayList<>();
        for (final String line : Files.readAllLines(details)) {
            lines.add(dev.vigil.serde.Json.mapper().readTree(line));
        }
        assertTrue(lines.stream().allMatch(l -> l.get("seed").asLong() == 3 || l.get("seed").asLong() == 4),
                "every line names its seed: " + lines);
    }
}
