package dev.vigil.evaluate;

import dev.vigil.ingest.Telemetry;
import dev.vigil.model.score.WindowScorer;
import dev.vigil.registry.Device;
import dev.vigil.registry.MetricSettings;
import dev.vigil.scoring.ScoreRecord;
import dev.vigil.simulator.AnomalyKind;
import dev.vigil.simulator.Fleet;
import dev.vigil.simulator.FleetGenerator;
import dev.vigil.simulator.Label;
import dev.vigil.simulator.RatePlan;
import dev.vigil.simulator.RegistryEntry;
import dev.vigil.simulator.Sample;
import dev.vigil.state.DeviceState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The two evaluations: NAB files and the simulator's labelled fleets, each through the real pipeline. */
public final class Evaluations {

    private static final Duration QUIET = Duration.ofSeconds(3);
    private static final Duration TIMEOUT = Duration.ofMinutes(20);

    /**
     * One NAB file's outcome under each profile.
     *
     * @param flagged the file's flagged scores, in time order
     */
    public record NabFileResult(NabCorpus.DataFile file, int rows, List<ScoreRecord> flagged,
            Map<NabScoring.Profile, NabScoring.Result> byProfile) {

        public int detections() {
            return flagged.size();
        }
    }

    /**
     * The outcome for one fleet and one injected kind ({@code kind} null: normal data only).
     *
     * @param trace every score and label of the traced device, if it belongs to this fleet ({@link Trace#NONE} if not)
     */
    public record SimulatorResult(String fleet, AnomalyKind kind, long readings, EventMatching.Counts counts,
            Trace trace) {
    }

    /**
     * One device's labels (as the simulator emitted them), scores (as the pipeline wrote them: the device's
     * readings in time order) and states (as its {@code device-state} store wrote them, at least one per message,
     * {@link EvaluationPipeline#deviceStates}) in a run: what happened to it, reading by reading.
     */
    public record Trace(List<EventMatching.Event> labels, List<ScoreRecord> scores, List<DeviceState> states) {
        public static final Trace NONE = new Trace(List.of(), List.of(), List.of());
    }

    /**
     * The evaluation's anomaly rate, the probability per metric and message of starting an anomaly ({@code
     * --anomaly-rate}'s default; five times the simulator's own), also used by {@code DecisionFingerprint}.
     */
    public static final String DEFAULT_ANOMALY_RATE = "0.005";

    private Evaluations() {
    }

    /** The evaluation's simulated fleets: 20 temperature probes, 10 door sensors, 10 air-quality monitors. */
    public static Map<Fleet, Integer> defaultFleets() {
        final Map<Fleet, Integer> fleets = new LinkedHashMap<>();
        fleets.put(Fleet.temperatureProbes(), 20);
        fleets.put(Fleet.doorSensors(), 10);
        fleets.put(Fleet.airQualityMonitors(), 10);
        return fleets;
    }

    /** Replays every file of the corpus as its own device and scores the detections with NAB's rules. */
    public static List<NabFileResult> nab(final NabCorpus corpus, final WindowScorer scorer,
            final Map<String, String> overrides, final Path workDir) throws IOException, InterruptedException {
        final List<ScoreRecord> scores;
        try (EvaluationPipeline pipeline = EvaluationPipeline.start(Files.createDirectories(workDir), scorer, overrides)) {
            for (final NabCorpus.DataFile file : corpus.files()) {
                file.series().samples().forEach(s -> pipeline.send(telemetry(s)));
            }
            scores = pipeline.awaitScores(QUIET, TIMEOUT);
        }
        final List<NabFileResult> results = new ArrayList<>();
        for (final NabCorpus.DataFile file : corpus.files()) {
            final List<ScoreRecord> flagged = scores.stream()
                    .filter(s -> s.deviceId().equals(file.deviceId()) && s.anomaly())
                    .sorted(Comparator.comparing(ScoreRecord::timestamp)).toList();
            final Set<Instant> times = new HashSet<>();
            flagged.forEach(s -> times.add(s.timestamp()));
            final List<Instant> timestamps = file.series().samples().stream().map(Sample::timestamp).toList();
            final boolean[] detected = new boolean[timestamps.size()];
            for (int i = 0; i < detected.length; i++) {
                detected[i] = times.contains(timestamps.get(i));
            }
            final Map<NabScoring.Profile, NabScoring.Result> byProfile = new LinkedHashMap<>();
            for (final NabScoring.Profile profile : NabScoring.Profile.values()) {
                byProfile.put(profile, NabScoring.score(timestamps, detected, file.windows(), profile));
            }
            results.add(new NabFileResult(file, timestamps.size(), flagged, byProfile));
        }
        return results;
    }

    /**
     * For each kind (and once with no anomalies), simulates the fleets from the same seed with only that kind
     * injected, replays them through a fresh pipeline, and matches the anomalies Vigil reported to the labels.
     *
     * @param traceDevice a device whose every score and label each run keeps ({@link SimulatorResult#trace}); null:
     *     none; {@link IllegalArgumentException} if the fleets have no such device
     */
    public static List<SimulatorResult> simulator(final Map<Fleet, Integer> fleets, final long seed, final int ticks,
            final double anomalyRate, final List<AnomalyKind> kinds, final Duration grace, final Duration window,
            final WindowScorer scorer, final Map<String, String> overrides, final Path workDir,
            final String traceDevice) throws IOException, InterruptedException {
        final List<SimulatorResult> results = new ArrayList<>();
        final List<AnomalyKind> runs = new ArrayList<>(kinds);
        runs.add(0, null);
        for (final AnomalyKind kind : runs) {
            final String name = kind == null ? "normal" : kind.wireName();
            final Instant start = Instant.parse("2026-01-01T00:00:00Z");
            final FleetGenerator generator = new FleetGenerator(fleets, seed, kind == null ? 0 : anomalyRate,
                    kind == null ? List.of() : List.of(kind), Duration.ofSeconds(1), RatePlan.STEADY, start);
            // every run simulates the same fleets: checking the first (normal) run's registry is enough
            if (kind == null && traceDevice != null
                    && generator.registry().stream().noneMatch(d -> d.deviceId().equals(traceDevice))) {
                throw new IllegalArgumentException("no device '" + traceDevice + "' to trace in the simulated fleets");
            }
            final List<Sample> samples = generator.advance(start.plusSeconds(ticks - 1L));
            final List<Label> labels = new ArrayList<>();
            samples.forEach(s -> labels.addAll(s.labels()));
            labels.addAll(generator.pendingLabels(true));
            final List<ScoreRecord> scores;
            final List<DeviceState> states;
            try (EvaluationPipeline pipeline = EvaluationPipeline.start(Files.createDirectories(workDir.resolve(name)),
                    scorer, overrides, registry(generator))) {
                samples.forEach(s -> pipeline.send(telemetry(s)));
                scores = pipeline.awaitScores(QUIET, TIMEOUT);
                states = traceDevice == null ? List.of() : pipeline.deviceStates(traceDevice);
            }
            final Replay replay = new Replay(kind, labels, scores, traceDevice, states);
            for (final Fleet fleet : fleets.keySet()) {
                results.add(fleetResult(fleet, replay, grace, window));
            }
        }
        return results;
    }

    /**
     * One replay of the simulated fleets: the kind injected (null: none), its labels and scores, and the traced
     * device (null: none) with the states its {@code device-state} store wrote.
     */
    private record Replay(AnomalyKind kind, List<Label> labels, List<ScoreRecord> scores, String traceDevice,
            List<DeviceState> traceStates) {
    }

    private static SimulatorResult fleetResult(final Fleet fleet, final Replay replay, final Duration grace,
            final Duration window) {
        final String prefix = fleet.idPrefix() + "-";
        final List<EventMatching.Event> events = replay.labels().stream().filter(l -> l.deviceId().startsWith(prefix))
                .map(l -> new EventMatching.Event(l.deviceId(), l.metric(), l.kind().wireName(), l.start(), l.end()))
                .toList();
        final List<ScoreRecord> mine = replay.scores().stream().filter(s -> s.deviceId().startsWith(prefix)).toList();
        final List<EventMatching.Detection> detections = mine.stream().filter(ScoreRecord::anomaly)
                .map(s -> new EventMatching.Detection(s.deviceId(), s.metric(), s.timestamp(), s.value(),
                        s.detector())).toList();
        final String traced = replay.traceDevice();
        return new SimulatorResult(fleet.type(), replay.kind(), mine.size(),
                EventMatching.match(events, detections, grace, window),
                traced == null || !traced.startsWith(prefix) ? Trace.NONE : new Trace(
                        events.stream().filter(e -> e.deviceId().equals(traced)).toList(),
                        mine.stream().filter(s -> s.deviceId().equals(traced)).toList(), replay.traceStates()));
    }

    private static Telemetry telemetry(final Sample sample) {
        return new Telemetry(sample.deviceId(), sample.timestamp(), sample.readings());
    }

    /**
     * The simulated devices as the simulator registers them (with the period of their cyclic metrics), in Vigil's
     * registry format: a deployment registers its devices, and so does the evaluation.
     */
    public static Map<String, Device> registry(final FleetGenerator generator) {
        final Map<String, Device> registry = new LinkedHashMap<>();
        for (final RegistryEntry entry : generator.registry()) {
            final Map<String, MetricSettings> metrics = new LinkedHashMap<>();
            entry.metrics().forEach((metric, m) ->
                    metrics.put(metric, new MetricSettings(null, null, null, m.period())));
            registry.put(entry.deviceId(), new Device(entry.name(), entry.type(), entry.location(), null, metrics));
        }
        return registry;
    }
}
