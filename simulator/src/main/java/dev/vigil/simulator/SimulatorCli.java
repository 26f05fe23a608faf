package dev.vigil.simulator;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The simulator's command line: {@code run} (the default) simulates fleets, {@code replay} sends a recorded
 * file as one device. {@code java -cp vigil.jar dev.vigil.simulator.SimulatorCli --help}.
 */
@Command(name = "vigil-simulator", mixinStandardHelpOptions = true, subcommands = {SimulatorCli.ReplayCommand.class},
        description = "Simulates IoT devices with labelled anomalies and sends their telemetry to Vigil.")
public final class SimulatorCli implements Callable<Integer> {

    /** Where telemetry goes; shared by both commands. */
    static final class TransportOptions {
        @Option(names = "--bootstrap-servers", defaultValue = "${env:VIGIL_BOOTSTRAP_SERVERS:-127.0.0.1:9092}",
                description = "Kafka, for the kafka transport, registry, labels and commands (default: ${DEFAULT-VALUE}); "
                        + "'' for none")
        String bootstrapServers;

        @Option(names = "--transport", defaultValue = "kafka",
                description = "kafka, http or mqtt (default: ${DEFAULT-VALUE})")
        String transport;

        @Option(names = "--http-url", defaultValue = "http://127.0.0.1:7070",
                description = "a Vigil instance, for --transport http (default: ${DEFAULT-VALUE})")
        String httpUrl;

        @Option(names = "--mqtt-server", defaultValue = "127.0.0.1:1883",
                description = "MQTT broker host:port, for --transport mqtt (default: ${DEFAULT-VALUE})")
        String mqttServer;

        @Option(names = "--mqtt-topic", defaultValue = SimulatorOptions.MQTT_TOPIC,
                description = "MQTT topic per device (default: ${DEFAULT-VALUE})")
        String mqttTopic;

        SimulatorOptions.Builder apply(final SimulatorOptions.Builder builder) {
            return builder.bootstrapServers(bootstrapServers)
                    .transport(Transport.valueOf(transport.toUpperCase(Locale.ROOT)))
                    .httpUrl(httpUrl).mqttServer(mqttServer).mqttTopic(mqttTopic);
        }
    }

    @Mixin
    private TransportOptions transport = new TransportOptions();

    @Option(names = "--fleet", paramLabel = "TYPE=COUNT",
            description = "a fleet and its device count, repeatable: temperature-probe, door-sensor, air-quality-monitor "
                    + "(default: temperature-probe=200 door-sensor=20 air-quality-monitor=100)")
    private List<String> fleets = new ArrayList<>();

    @Option(names = "--interval", defaultValue = "1s", description = "time between two messages of a device (default: ${DEFAULT-VALUE})")
    private String interval;

    @Option(names = "--events-per-second", description = "total steady rate over all devices (sets --interval)")
    private Double eventsPerSecond;

    @Option(names = "--burst-factor", defaultValue = "1", description = "during bursts devices send this many times faster (default: ${DEFAULT-VALUE} = steady)")
    private double burstFactor;

    @Option(names = "--burst-length", defaultValue = "10s", description = "how long a burst lasts (default: ${DEFAULT-VALUE})")
    private String burstLength;

    @Option(names = "--burst-every", defaultValue = "60s", description = "one burst per this period (default: ${DEFAULT-VALUE})")
    private String burstEvery;

    @Option(names = "--anomaly-rate", defaultValue = "0.001", description = "probability per metric and message of starting an anomaly (default: ${DEFAULT-VALUE})")
    private double anomalyRate;

    @Option(names = "--kinds", split = ",", description = "anomaly kinds to inject (default: all): spike, dip, level-shift, drift, stuck-at, noise-burst, dropout")
    private List<String> kinds;

    @Option(names = "--seed", defaultValue = "42", description = "random seed: the same seed gives the same data (default: ${DEFAULT-VALUE})")
    private long seed;

    @Option(names = "--speed", defaultValue = "1", description = "simulated seconds per second (time compression); 0 = as fast as possible (default: ${DEFAULT-VALUE})")
    private double speed;

    @Option(names = "--start", description = "first simulated timestamp, ISO-8601 (default: now; with --speed other than 1, far enough back to stay in the past)")
    private Instant start;

    @Option(names = "--duration", defaultValue = "0s", description = "how long to run, wall clock; 0s = until Ctrl-C (default: ${DEFAULT-VALUE})")
    private String duration;

    @Option(names = "--messages", defaultValue = "0", description = "stop after this many messages; 0 = no limit")
    private long messages;

    @Option(names = "--labels-file", description = "also append every label to this JSONL file")
    private Path labelsFile;

    @Option(names = "--commands", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "consume 'commands' and acknowledge on 'command-acks'; --no-commands turns it off (default: on when Kafka is set)")
    private boolean commands;

    @Option(names = "--gateway-id", defaultValue = "gateway-1", description = "id of the gateway device reporting its own status; '' for none (default: ${DEFAULT-VALUE})")
    private String gatewayId;

    @Option(names = "--gateway-interval", defaultValue = "5s", description = "how often the gateway reports (default: ${DEFAULT-VALUE})")
    private String gatewayInterval;

    public static void main(final String[] args) {
        System.exit(new CommandLine(new SimulatorCli()).execute(args));
    }

    /** Parses the arguments into options (for tests and {@link #call()}). */
    static SimulatorOptions parse(final String... args) {
        final SimulatorCli cli = new SimulatorCli();
        new CommandLine(cli).parseArgs(args);
        return cli.options();
    }

    @Override
    public Integer call() throws Exception {
        try (Simulator simulator = new Simulator(options())) {
            Runtime.getRuntime().addShutdownHook(new Thread(simulator::stop));
            simulator.run();
            System.out.printf(Locale.ROOT, "sent %d messages, %d labels, %d command acks%n", simulator.messagesSent(),
                    simulator.labelsWritten(), simulator.acksSent());
        }
        return 0;
    }

    SimulatorOptions options() {
        final SimulatorOptions.Builder b = transport.apply(SimulatorOptions.builder(transport.bootstrapServers));
        if (!fleets.isEmpty()) {
            b.fleets(fleetCounts(fleets));
        }
        final SimulatorOptions base = b.build();
        final int devices = base.devicesPerFleet().values().stream().mapToInt(Integer::intValue).sum();
        b.interval(eventsPerSecond == null ? duration(interval)
                : Duration.ofNanos((long) (devices / eventsPerSecond * 1e9)));
        if (burstFactor != 1) {
            b.rate(RatePlan.bursty(burstFactor, duration(burstLength), duration(burstEvery)));
        }
        if (kinds != null) {
            b.kinds(kinds.stream().map(AnomalyKind::parse).toList());
        }
        return b.anomalyRate(anomalyRate).seed(seed).speed(speed).start(start).duration(duration(duration))
                .maxMessages(messages).labelsFile(labelsFile)
                .commands(commands && base.hasKafka())
                .gateway(gatewayId.isBlank() ? null : gatewayId, duration(gatewayInterval))
                .build();
    }

    /** {@code TYPE=COUNT} specifications, in order. */
    public static Map<Fleet, Integer> fleetCounts(final List<String> specs) {
        final Map<Fleet, Integer> counts = new LinkedHashMap<>();
        for (final String spec : specs) {
            final int eq = spec.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("--fleet takes TYPE=COUNT, was '" + spec + "'");
            }
            counts.put(Fleet.byType(spec.substring(0, eq)), Integer.parseInt(spec.substring(eq + 1)));
        }
        return counts;
    }

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)");

    /** "500ms", "10s", "5m", "1h", "1d", or ISO-8601 ("PT10M"). */
    static Duration duration(final String text) {
        final Matcher m = DURATION.matcher(text.trim());
        if (m.matches()) {
            final double n = Double.parseDouble(m.group(1));
            final double unitMs = switch (m.group(2)) {
                case "ms" -> 1;
                case "s" -> 1_000;
                case "m" -> 60_000;
                case "h" -> 3_600_000;
                default -> 86_400_000;
            };
            return Duration.ofNanos((long) (n * unitMs * 1_000_000));
        }
        try {
            return Duration.parse(text.trim());
        } catch (final java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration like 500ms, 10s, 5m, 1h or PT10M");
        }
    }

    /** {@code replay FILE}: sends a NAB CSV or a PurpleAir JSON file as one device. */
    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = "Replays a NAB CSV (timestamp,value) or a PurpleAir-style JSON file as one device.")
    static final class ReplayCommand implements Callable<Integer> {

        @Mixin
        private TransportOptions transport = new TransportOptions();

        @Parameters(index = "0", description = "the file: *.csv (NAB) or *.json (PurpleAir)")
        private Path file;

        @Option(names = "--device-id", required = true, description = "the device the series is sent as")
        private String deviceId;

        @Option(names = "--format", description = "nab or purpleair (default: from the file's extension)")
        private String format;

        @Option(names = "--metric", defaultValue = "value", description = "the reading's name for a NAB file (default: ${DEFAULT-VALUE})")
        private String metric;

        @Option(names = "--speed", defaultValue = "0", description = "original gaps divided by this; 0 = as fast as possible (default: ${DEFAULT-VALUE})")
        private double speed;

        @Option(names = "--rebase", description = "shift the timestamps so the last reading is now (keeps the gaps)")
        private boolean rebase;

        @Override
        public Integer call() throws Exception {
            final SimulatorOptions options = transport.apply(SimulatorOptions.builder(transport.bootstrapServers))
                    .commands(false).gateway(null, Duration.ofSeconds(5)).build();
            ReplaySeries series = read(file, deviceId, format, metric);
            if (rebase) {
                series = series.endingAt(Instant.now());
            }
            try (Replay replay = new Replay(options)) {
                final long sent = replay.run(series, file, speed);
                System.out.printf(Locale.ROOT, "replayed %d readings of %s as %s%n", sent, file, deviceId);
            }
            return 0;
        }

        static ReplaySeries read(final Path file, final String deviceId, final String format, final String metric)
                throws java.io.IOException {
            final String kind = format != null ? format.toLowerCase(Locale.ROOT)
                    : file.toString().toLowerCase(Locale.ROOT).endsWith(".json") ? "purpleair" : "nab";
            return switch (kind) {
                case "nab" -> ReplaySeries.nabCsv(file, deviceId, metric);
                case "purpleair" -> ReplaySeries.purpleAirJson(file, deviceId);
                default -> throw new IllegalArgumentException("--format must be nab or purpleair");
            };
        }
    }
}
