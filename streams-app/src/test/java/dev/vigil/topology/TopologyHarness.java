package dev.vigil.topology;

import dev.vigil.app.StreamsSettings;
import dev.vigil.config.VigilConfig;
import dev.vigil.ingest.DeadLetter;
import dev.vigil.ingest.TelemetryLimits;
import dev.vigil.model.score.WindowScorer;
import dev.vigil.scoring.AnomalyRecord;
import dev.vigil.scoring.ScoreRecord;
import dev.vigil.scoring.ScoringSettings;
import dev.vigil.state.DeviceState;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

/** A {@link TopologyTestDriver} around {@link VigilTopology} with typed input and output topics. */
public final class TopologyHarness implements AutoCloseable {

    /** The driver's wall clock starts here; readings are stamped around it. */
    public static final Instant START = Instant.parse("2026-11-22T10:00:00Z");

    public final VigilConfig config;
    public final io.micrometer.core.instrument.MeterRegistry meters;
    public final TopologyTestDriver driver;
    public final TestInputTopic<String, String> telemetry;
    public final TestInputTopic<String, String> devices;
    public final TestOutputTopic<String, ScoreRecord> scores;
    public final TestOutputTopic<String, AnomalyRecord> anomalies;
    public final TestOutputTopic<String, DeadLetter> dlq;
    private final Map<String, Instant> clocks = new HashMap<>();

    public TopologyHarness(final WindowScorer scorer, final Path stateDir, final Map<String, String> overrides) {
        final Map<String, String> settings = new HashMap<>(Map.of(
                VigilConfig.STATE_DIR, stateDir.toString(),
                VigilConfig.WARMUP_READINGS, "20",
                // most topology tests count scores from the end of warm-up; ScoringTopologyTest.provisionalWarmup
                // and the integration tests run with the default (on)
                VigilConfig.WARMUP_PROVISIONAL, "false",
                VigilConfig.BATCH_MAX_SIZE, "4"));
        settings.putAll(overrides);
        this.config = VigilConfig.of(settings);
        final Properties props = StreamsSettings.from(config, "127.0.0.1:9", "127.0.0.1:7070");
        this.meters = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        this.driver = new TopologyTestDriver(VigilTopology.build(ScoringSettings.from(config, scorer.metadata()),
                TelemetryLimits.from(config), scorer, new dev.vigil.scoring.ScoringMetrics(meters),
                config.getInt(VigilConfig.COMMANDS_HISTORY)), props, START);
        this.telemetry = driver.createInputTopic(Topics.TELEMETRY, new StringSerializer(), new StringSerializer());
        this.devices = driver.createInputTopic(Topics.DEVICES, new StringSerializer(), new StringSerializer());
        this.scores = driver.createOutputTopic(Topics.SCORES, new StringDeserializer(), VigilSerdes.score().deserializer());
        this.anomalies = driver.createOutputTopic(Topics.ANOMALIES, new StringDeserializer(),
                VigilSerdes.anomaly().deserializer());
        this.dlq = driver.createOutputTopic(Topics.TELEMETRY_DLQ, new StringDeserializer(),
                VigilSerdes.deadLetter().deserializer());
    }

    /** The changelog topic Kafka Streams names for one of the topology's stores. */
    public String changelog(final String store) {
        return StoreNames.changelog(config.get(VigilConfig.APPLICATION_ID), store);
    }

    public KeyValueStore<String, DeviceState> deviceStates() {
        return driver.getKeyValueStore(StoreNames.DEVICE_STATE);
    }

    /** Sends {@code values} as one reading per second of {@code metric}, continuing the device's own clock. */
    public void sendSeries(final String deviceId, final String metric, final List<Double> values) {
        for (final Double value : values) {
            final Instant ts = clocks.merge(deviceId, START.minusSeconds(10_000), (old, unused) -> old.plusSeconds(1));
            telemetry.pipeInput(deviceId, dev.vigil.testing.TelemetryJson.nested(deviceId, ts, metric, value));
        }
    }

    /** Sends one message with several readings, one second after the device's previous message. */
    public void sendMessage(final String deviceId, final Map<String, Double> readings) {
        final Instant ts = clocks.merge(deviceId, START.minusSeconds(10_000), (old, unused) -> old.plusSeconds(1));
        final StringBuilder json = new StringBuilder("{\"deviceId\":\"" + deviceId + "\",\"timestamp\":\"" + ts
                + "\",\"readings\":{");
        readings.forEach((metric, value) -> json.append('"').append(metric).append("\":").append(value).append(','));
        json.setLength(json.length() - 1);
        telemetry.pipeInput(deviceId, json.append("}}").toString());
    }

    /** Normal readings: {@code mean} plus Gaussian noise of {@code std}, reproducible per seed. */
    public static List<Double> normal(final int count, final double mean, final double std, final long seed) {
        final java.util.Random random = new java.util.Random(seed);
        final java.util.List<Double> out = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(mean + std * random.nextGaussian());
        }
        return out;
    }

    /** Lets the batch punctuator fire. */
    public void flush() {
        driver.advanceWallClockTime(Duration.ofMillis(config.getLong(VigilConfig.BATCH_MAX_WAIT_MS)));
    }

    @Override
    public void close() {
        driver.close();
    }
}
