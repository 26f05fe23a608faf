package dev.vigil.simulator;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What to simulate and where to send it. Build with {@link #builder(String)}; every option is described in the
 * README and by {@code SimulatorCli --help}.
 *
 * @param bootstrapServers Kafka, for the KAFKA transport, the registry, labels and commands; blank for none
 * @param httpUrl a Vigil instance, for the HTTP transport (e.g. http://127.0.0.1:7070)
 * @param mqttServer host:port of an MQTT broker, for the MQTT transport
 * @param mqttTopic the MQTT topic per device; {@code {deviceId}} is replaced
 * @param interval time between two messages of the same device (in simulated time)
 * @param speed simulated seconds per wall-clock second; 0 = as fast as possible. Simulated time never runs
 *     ahead of the wall clock.
 * @param start the first simulated timestamp; null = now, or (speed ≠ 1) far enough back to never catch up
 * @param duration how long to run (wall clock); {@link Duration#ZERO} = until stopped
 * @param maxMessages stop after this many telemetry messages; 0 = no limit
 * @param labelsFile also append every label to this JSONL file; null = none
 * @param commands consume {@code commands} and acknowledge on {@code command-acks}
 * @param gatewayId the id of the gateway device that reports its own status; null = none
 */
public record SimulatorOptions(
        Transport transport,
        String bootstrapServers,
        String httpUrl,
        String mqttServer,
        String mqttTopic,
        Map<Fleet, Integer> devicesPerFleet,
        Duration interval,
        RatePlan rate,
        double anomalyRate,
        List<AnomalyKind> kinds,
        long seed,
        double speed,
        Instant start,
        Duration duration,
        long maxMessages,
        Path labelsFile,
        boolean commands,
        String gatewayId,
        Duration gatewayInterval,
        SimulatorTopics topics) {

    public static final String MQTT_TOPIC = "vigil/{deviceId}/telemetry";

    public SimulatorOptions {
        devicesPerFleet = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(devicesPerFleet));
        kinds = List.copyOf(kinds);
        if (speed < 0) {
            throw new IllegalArgumentException("speed must be >= 0 (0 = as fast as possible)");
        }
        if (transport == Transport.HTTP && (httpUrl == null || httpUrl.isBlank())) {
            throw new IllegalArgumentException("the HTTP transport needs a Vigil URL");
        }
        if (transport == Transport.MQTT && (mqttServer == null || mqttServer.isBlank())) {
            throw new IllegalArgumentException("the MQTT transport needs an MQTT server host:port");
        }
        if ((transport == Transport.KAFKA || commands) && !hasKafka(bootstrapServers)) {
            throw new IllegalArgumentException("the Kafka transport and commands need bootstrap servers");
        }
    }

    public boolean hasKafka() {
        return hasKafka(bootstrapServers);
    }

    private static boolean hasKafka(final String bootstrap) {
        return bootstrap != null && !bootstrap.isBlank();
    }

    /** 200 probes, 20 door sensors, 100 air-quality monitors, one message each per second, to Kafka. */
    public static Builder builder(final String bootstrapServers) {
        return new Builder(bootstrapServers);
    }

    /** The defaults of {@link #builder(String)}. */
    public static SimulatorOptions defaults(final String bootstrapServers) {
        return builder(bootstrapServers).build();
    }

    public Builder toBuilder() {
        final Builder b = new Builder(bootstrapServers);
        b.transport = transport;
        b.httpUrl = httpUrl;
        b.mqttServer = mqttServer;
        b.mqttTopic = mqttTopic;
        b.fleets = new LinkedHashMap<>(devicesPerFleet);
        b.interval = interval;
        b.rate = rate;
        b.anomalyRate = anomalyRate;
        b.kinds = kinds;
        b.seed = seed;
        b.speed = speed;
        b.start = start;
        b.duration = duration;
        b.maxMessages = maxMessages;
        b.labelsFile = labelsFile;
        b.commands = commands;
        b.gatewayId = gatewayId;
        b.gatewayInterval = gatewayInterval;
        b.topics = topics;
        return b;
    }

    /** Fluent construction with the defaults of the quick start. */
    public static final class Builder {
        private Transport transport = Transport.KAFKA;
        private String bootstrapServers;
        private String httpUrl;
        private String mqttServer;
        private String mqttTopic = MQTT_TOPIC;
        private Map<Fleet, Integer> fleets = new LinkedHashMap<>();
        private Duration interval = Duration.ofSeconds(1);
        private RatePlan rate = RatePlan.STEADY;
        private double anomalyRate = 0.001;
        private List<AnomalyKind> kinds = List.of(AnomalyKind.values());
        private long seed = 42L;
        private double speed = 1.0;
        private Instant start;
        private Duration duration = Duration.ZERO;
        private long maxMessages;
        private Path labelsFile;
        private boolean commands;
        private String gatewayId = "gateway-1";
        private Duration gatewayInterval = Duration.ofSeconds(5);
        private SimulatorTopics topics = SimulatorTopics.DEFAULT;

        private Builder(final String bootstrapServers) {
            this.bootstrapServers = bootstrapServers;
            this.commands = bootstrapServers != null && !bootstrapServers.isBlank();
            fleets.put(Fleet.temperatureProbes(), 200);
            fleets.put(Fleet.doorSensors(), 20);
            fleets.put(Fleet.airQualityMonitors(), 100);
        }

        public Builder transport(final Transport value) { this.transport = value; return this; }
        public Builder bootstrapServers(final String value) { this.bootstrapServers = value; return this; }
        public Builder httpUrl(final String value) { this.httpUrl = value; return this; }
        public Builder mqttServer(final String value) { this.mqttServer = value; return this; }
        public Builder mqttTopic(final String value) { this.mqttTopic = value; return this; }
        public Builder interval(final Duration value) { this.interval = value; return this; }
        public Builder rate(final RatePlan value) { this.rate = value; return this; }
        public Builder anomalyRate(final double value) { this.anomalyRate = value; return this; }
        public Builder kinds(final List<AnomalyKind> value) { this.kinds = value; return this; }
        public Builder seed(final long value) { this.seed = value; return this; }
        public Builder speed(final double value) { this.speed = value; return this; }
        public Builder start(final Instant value) { this.start = value; return this; }
        public Builder duration(final Duration value) { this.duration = value; return this; }
        public Builder maxMessages(final long value) { this.maxMessages = value; return this; }
        public Builder labelsFile(final Path value) { this.labelsFile = value; return this; }
        public Builder commands(final boolean value) { this.commands = value; return this; }
        public Builder gateway(final String id, final Duration every) { this.gatewayId = id; this.gatewayInterval = every; return this; }
        public Builder topics(final SimulatorTopics value) { this.topics = value; return this; }

        /** Replaces the fleets: {@code fleet -> device count}, in order; a count of 0 leaves the fleet out. */
        public Builder fleets(final Map<Fleet, Integer> value) {
            final Map<Fleet, Integer> copy = new LinkedHashMap<>();
            value.forEach((fleet, count) -> {
                if (count < 0) {
                    throw new IllegalArgumentException("device count of " + fleet.type() + " must be >= 0");
                }
                if (count > 0) {
                    copy.put(fleet, count);
                }
            });
            this.fleets = copy;
            return this;
        }

        /** Temperature probes, door sensors and air-quality monitors, in that order. */
        public Builder devices(final int probes, final int doors, final int airQuality) {
            final Map<Fleet, Integer> m = new LinkedHashMap<>();
            m.put(Fleet.temperatureProbes(), probes);
            m.put(Fleet.doorSensors(), doors);
            m.put(Fleet.airQualityMonitors(), airQuality);
            return fleets(m);
        }

        public SimulatorOptions build() {
            return new SimulatorOptions(transport, bootstrapServers, httpUrl, mqttServer, mqttTopic, fleets, interval,
                    rate, anomalyRate, kinds, seed, speed, start, duration, maxMessages, labelsFile, commands,
                    gatewayId, gatewayInterval, topics);
        }
    }
}
