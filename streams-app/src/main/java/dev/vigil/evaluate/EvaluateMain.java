package dev.vigil.evaluate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.config.VigilConfig;
import dev.vigil.model.score.ModelArtifacts;
import dev.vigil.model.score.WindowScorer;
import dev.vigil.scoring.ScoreRecord;
import dev.vigil.serde.Json;
import dev.vigil.simulator.AnomalyKind;
import dev.vigil.simulator.Fleet;
import dev.vigil.simulator.Sample;
import dev.vigil.simulator.SimulatorCli;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code evaluate}: replays labelled data through the real pipeline (a local broker and a Vigil instance in this
 * process) and scores what it reported. Prints Markdown. See EVALUATION.md for the results and how to read them.
 */
@Command(name = "vigil-evaluate", mixinStandardHelpOptions = true,
        subcommands = {EvaluateMain.Nab.class, EvaluateMain.Simulated.class},
        description = "Measures detection quality: NAB's scoring on NAB files, precision/recall on simulated fleets.")
public final class EvaluateMain implements Callable<Integer> {

    /** The precision and recall the project asks of every fleet and kind (EVALUATION.md, "Goals"). */
    static final double GOAL = 0.95;

    /** What both evaluations share: the model, the threshold, where to work. */
    static final class Shared {
        @Option(names = "--model", description = "a model artifact directory (default: the shipped model)")
        Path model;

        @Option(names = "--threshold", description = "the global threshold (default: the model's, 0.01)")
        Double threshold;

        @Option(names = "--set", paramLabel = "KEY=VALUE",
                description = "any configuration key for the evaluated instance (repeatable), e.g. warmup.readings=100")
        Map<String, String> settings = new HashMap<>();

        @Option(names = "--work-dir", description = "where the broker and state go (default: a temporary directory)")
        Path workDir;

        WindowScorer scorer() {
            return model == null ? ModelArtifacts.loadDefault() : ModelArtifacts.load(model);
        }

        Map<String, String> overrides() {
            final Map<String, String> o = new HashMap<>(settings);
            if (threshold != null) {
                o.put(VigilConfig.THRESHOLD, String.valueOf(threshold));
            }
            return o;
        }

        /** The named work directory (kept), or a temporary one deleted when the evaluation ends. */
        ScratchDir workDir() throws java.io.IOException {
            return ScratchDir.keptOrTemporary(workDir, "vigil-eval");
        }
    }

    public static void main(final String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line: a bad value that is only found once the command runs (an unknown anomaly kind) ends it with
     * its message and exit code 2, as picocli's own usage errors do, rather than a stack trace.
     */
    public static CommandLine commandLine() {
        final CommandLine cli = new CommandLine(new EvaluateMain());
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            if (!(e instanceof IllegalArgumentException)) {
                throw e;
            }
            line.getErr().println("error: " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        });
        return cli;
    }

    @Override
    public Integer call() {
        CommandLine.usage(this, System.out);
        return 0;
    }

    /** {@code nab DIR}. */
    @Command(name = "nab", mixinStandardHelpOptions = true, description = "NAB scoring of the files named in DIR/windows.json.")
    static final class Nab implements Callable<Integer> {
        @CommandLine.Mixin
        private Shared shared = new Shared();

        @Parameters(index = "0", defaultValue = "../shared/data/nab", description = "folder with windows.json and the CSVs (default: ${DEFAULT-VALUE})")
        private Path dir;

        @Option(names = "--details", description = "also write each detection to this JSONL file: where NAB places it, its score, the rows since the previous one")
        private Path details;

        @Override
        public Integer call() throws Exception {
            final NabCorpus corpus = NabCorpus.read(dir, "value");
            try (WindowScorer scorer = shared.scorer(); ScratchDir work = shared.workDir()) {
                final List<Evaluations.NabFileResult> results = Evaluations.nab(corpus, scorer, shared.overrides(), work.path());
                print(results, System.out);
                if (details != null) {
                    Files.write(details, nabDetails(results));
                }
            }
            return 0;
        }
    }

    /** {@code simulator}. */
    @Command(name = "simulator", mixinStandardHelpOptions = true,
            description = "Precision, recall and F1 per fleet and anomaly kind on the simulator's labelled data.")
    static final class Simulated implements Callable<Integer> {
        @CommandLine.Mixin
        private Shared shared = new Shared();

        @Option(names = "--fleet", paramLabel = "TYPE=COUNT", description = "fleets (default: temperature-probe=20 door-sensor=10 air-quality-monitor=10)")
        private List<String> fleets = new ArrayList<>();

        @Option(names = "--ticks", defaultValue = "1500", description = "messages per device, one per simulated second (default: ${DEFAULT-VALUE})")
        private int ticks;

        @Option(names = "--anomaly-rate", defaultValue = Evaluations.DEFAULT_ANOMALY_RATE, description = "(default: ${DEFAULT-VALUE})")
        private double anomalyRate;

        @Option(names = "--seed", split = ",", defaultValue = "42", description = "one seed, or several (comma-separated "
                + "or repeated): each is run in turn, then their figures are pooled (default: ${DEFAULT-VALUE})")
        private List<Long> seeds;

        @Option(names = "--kinds", split = ",", description = "kinds to evaluate (default: all)")
        private List<String> kinds;

        @Option(names = "--details", description = "also write each false alarm and missed event to this JSONL file")
        private Path details;

        @Option(names = "--trace", paramLabel = "DEVICE", description = "with --details, also write every label, score and state of this device (e.g. door-8), run by run")
        private String trace;

        @Option(names = "--grace-readings", defaultValue = "2", description = "a detection up to this many readings after a label's end still detects it (default: ${DEFAULT-VALUE})")
        private int grace;

        @Override
        public Integer call() throws Exception {
            final Map<Fleet, Integer> counts = fleets.isEmpty() ? Evaluations.defaultFleets()
                    : new LinkedHashMap<>(SimulatorCli.fleetCounts(fleets));
            if (trace != null && details == null) {
                throw new IllegalArgumentException("--trace writes to the --details file: give both");
            }
            if (Set.copyOf(seeds).size() != seeds.size()) {
                throw new IllegalArgumentException("--seed: give each seed once, got " + seeds);
            }
            final List<AnomalyKind> list = kinds == null ? List.of(AnomalyKind.values())
                    : kinds.stream().map(AnomalyKind::parse).toList();
            final Map<Long, List<Evaluations.SimulatorResult>> bySeed = new LinkedHashMap<>();
            try (WindowScorer scorer = shared.scorer(); ScratchDir work = shared.workDir()) {
                for (final long seed : seeds) {
                    final List<Evaluations.SimulatorResult> results;
                    try (ScratchDir seedDir = work.sub("seed-" + seed)) {
                        results = Evaluations.simulator(counts, seed, ticks, anomalyRate, list,
                                Duration.ofSeconds(grace), Duration.ofSeconds(scorer.metadata().windowSize()), scorer,
                                shared.overrides(), seedDir.path(), trace);
                    }
                    if (seeds.size() > 1) {
                        System.out.printf(Locale.ROOT, "%n### Seed %d%n%n", seed);
                    }
                    printSimulator(results, System.out);
                    bySeed.put(seed, results);
                }
            }
            if (seeds.size() > 1) {
                System.out.printf(Locale.ROOT, "%n### %d seeds pooled%n%n", bySeed.size());
                printPooled(SeedPooling.pool(new ArrayList<>(bySeed.values()), GOAL), System.out);
            }
            if (details != null) {
                writeDetails(bySeed, details);
            }
            return 0;
        }
    }

    /** Each seed's false alarms and missed events (and the traced device's labels, scores and states), one JSON line each. */
    private static void writeDetails(final Map<Long, List<Evaluations.SimulatorResult>> bySeed, final Path file)
            throws java.io.IOException {
        final ObjectMapper mapper = Json.mapper();
        final List<String> lines = new ArrayList<>();
        bySeed.forEach((seed, results) -> {
            for (final Evaluations.SimulatorResult r : results) {
                final String run = r.kind() == null ? "none" : r.kind().wireName();
                r.counts().falseAlarms().forEach(d -> lines.add(detail(mapper, seed, run, "falseAlarm", d)));
                r.counts().missed().forEach(e -> lines.add(detail(mapper, seed, run, "missed", e)));
                r.trace().labels().forEach(e -> lines.add(detail(mapper, seed, run, "label", e)));
                r.trace().scores().forEach(score -> lines.add(detail(mapper, seed, run, "score", score)));
                r.trace().states().forEach(state -> lines.add(detail(mapper, seed, run, "state", state)));
            }
        });
        Files.write(file, lines);
    }

    private static String detail(final ObjectMapper mapper, final long seed, final String run, final String what,
            final Object value) {
        try {
            return mapper.writeValueAsString(Map.of("seed", seed, "run", run, what, value));
        } catch (final JsonProcessingException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * One JSON line per detection of each file, in time order: the file, its row, the rows since the file's previous
     * detection, where NAB's scoring places it ({@link NabScoring#placement}) and the whole score.
     */
    public static List<String> nabDetails(final List<Evaluations.NabFileResult> results) throws JsonProcessingException {
        final ObjectMapper mapper = Json.mapper();
        final List<String> lines = new ArrayList<>();
        for (final Evaluations.NabFileResult r : results) {
            final List<Instant> timestamps = r.file().series().samples().stream().map(Sample::timestamp).toList();
            final Map<Instant, Integer> rows = new HashMap<>();
            for (int i = 0; i < timestamps.size(); i++) {
                rows.put(timestamps.get(i), i);
            }
            int previous = -1;
            for (final ScoreRecord s : r.flagged()) {
                final int row = rows.get(s.timestamp());
                final Map<String, Object> line = new LinkedHashMap<>();
                line.put("file", r.file().name());
                line.put("row", row);
                line.put("rowsSincePrevious", previous < 0 ? null : row - previous);
                line.put("placement", NabScoring.placement(timestamps, r.file().windows(), row));
                line.put("score", s);
                lines.add(mapper.writeValueAsString(line));
                previous = row;
            }
        }
        return lines;
    }

    static void print(final List<Evaluations.NabFileResult> results, final PrintStream out) {
        out.println("| file | rows | detections | windows detected | first detection after window start | false alarms | standard | reward_low_FP | reward_low_FN |");
        out.println("|---|---|---|---|---|---|---|---|---|");
        final Map<NabScoring.Profile, double[]> corpus = new LinkedHashMap<>();
        for (final Evaluations.NabFileResult r : results) {
            final NabScoring.Result standard = r.byProfile().get(NabScoring.Profile.STANDARD);
            final List<String> delays = new ArrayList<>();
            NabScoring.delays(r.file().windows(), standard.firstDetections())
                    .forEach(d -> delays.add(d == null ? "missed" : human(d)));
            final StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %s | %d | %d | %d of %d | %s | %d |",
                    r.file().name(), r.rows(), r.detections(), standard.windowsDetected(), standard.windows(),
                    String.join(", ", delays), standard.falsePositives()));
            for (final Map.Entry<NabScoring.Profile, NabScoring.Result> e : r.byProfile().entrySet()) {
                row.append(String.format(Locale.ROOT, " %.1f |", e.getValue().normalised()));
                final double[] sum = corpus.computeIfAbsent(e.getKey(), k -> new double[3]);
                sum[0] += e.getValue().raw();
                sum[1] += e.getValue().nullRaw();
                sum[2] += e.getValue().perfectRaw();
            }
            out.println(row);
        }
        final StringBuilder total = new StringBuilder("| **both files** | | | | | |");
        corpus.values().forEach(s -> total.append(String.format(Locale.ROOT, " **%.1f** |", NabScoring.normalise(s[0], s[1], s[2]))));
        out.println(total);
    }

    static void printSimulator(final List<Evaluations.SimulatorResult> results, final PrintStream out) {
        out.println("| fleet | injected | readings scored | events | detected | recall | alarms | true alarms | precision | F1 | flagged readings | detection-level precision |");
        out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (final Evaluations.SimulatorResult r : results) {
            final EventMatching.Counts c = r.counts();
            out.println(String.format(Locale.ROOT, "| %s | %s | %d | %d | %d | %.3f | %d | %d | %.3f | %.3f | %d | %.3f |",
                    r.fleet(), r.kind() == null ? "none" : r.kind().wireName(), r.readings(), c.events(),
                    c.eventsDetected(), c.recall(), c.alarms(), c.trueAlarms(), c.precision(), c.f1(), c.detections(),
                    c.detectionPrecision()));
        }
    }

    /**
     * The pooled figures of several seeds ({@link SeedPooling}): each with its 95% interval over seeds, and how many
     * seeds missed the goal on their own.
     */
    static void printPooled(final List<SeedPooling.Pooled> pooled, final PrintStream out) {
        out.println("| fleet | injected | seeds | events | detected | recall (95% interval over seeds) | alarms | true alarms | precision (95% interval over seeds) | seeds with a figure below " + GOAL + " |");
        out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (final SeedPooling.Pooled p : pooled) {
            final EventMatching.Counts c = p.counts();
            out.println(String.format(Locale.ROOT, "| %s | %s | %d | %d | %d | %.3f (%.3f-%.3f) | %d | %d | %.3f (%.3f-%.3f) | %d |",
                    p.fleet(), p.kind() == null ? "none" : p.kind().wireName(), p.seeds(), c.events(),
                    c.eventsDetected(), c.recall(), p.recall().low(), p.recall().high(), c.alarms(), c.trueAlarms(),
                    c.precision(), p.precision().low(), p.precision().high(), p.seedsBelow()));
        }
    }

    private static String human(final Duration d) {
        final long minutes = d.toMinutes();
        return minutes < 120 ? minutes + " min" : String.format(Locale.ROOT, "%.1f h", minutes / 60.0);
    }

}
