package dev.vigil.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * All of Vigil's settings, in one place. Values come from, lowest precedence first: the defaults below, a
 * properties file ({@code VIGIL_CONFIG_FILE}), then environment variables named after the key: upper case,
 * {@code VIGIL_} in front, dots and dashes as underscores ({@code http.port} ← {@code VIGIL_HTTP_PORT}).
 * Keys starting with {@code kafka.} are passed to Kafka Streams without the prefix
 * ({@code VIGIL_KAFKA_NUM_STREAM_THREADS=2} → {@code num.stream.threads=2}).
 */
public final class VigilConfig {

    public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    public static final String APPLICATION_ID = "application.id";
    public static final String APPLICATION_SERVER = "application.server";
    public static final String STATE_DIR = "state.dir";
    public static final String PROCESSING_GUARANTEE = "processing.guarantee";
    public static final String HTTP_HOST = "http.host";
    public static final String HTTP_PORT = "http.port";
    public static final String MODEL_PATH = "model.path";
    public static final String THRESHOLD = "threshold";
    public static final String WARMUP_READINGS = "warmup.readings";
    public static final String WARMUP_PROVISIONAL = "warmup.provisional";
    public static final String WARMUP_REVIEW = "warmup.review";
    public static final String WARMUP_REVIEW_BLOCKS = "warmup.review.blocks";
    public static final String BATCH_MAX_SIZE = "batch.max.size";
    public static final String BATCH_MAX_WAIT_MS = "batch.max.wait.ms";
    public static final String HISTORY_RETENTION_MS = "history.retention.ms";
    public static final String STATE_CACHE_DEVICES = "state.cache.devices";
    public static final String STATE_STORE = "state.store";
    public static final String ALARMS_HOLDOFF_READINGS = "alarms.holdoff.readings";
    public static final String ALARMS_ESCALATION_READINGS = "alarms.escalation.readings";
    public static final String MOVEMENTS_METRICS = "movements.metrics";
    public static final String MOVEMENTS_NORMAL_AFTER = "movements.normal.after";
    public static final String STANDBY_MAX_LAG = "query.standby.max.lag";
    public static final String SSE_MAX_CLIENTS = "sse.max.clients";
    public static final String SSE_KEEPALIVE_MS = "sse.keepalive.ms";
    public static final String FEED_BUFFER_SIZE = "feed.buffer.size";
    public static final String INGEST_HTTP_MAX_ITEMS = "ingest.http.max.items";
    public static final String TELEMETRY_MAX_BYTES = "telemetry.max.bytes";
    public static final String TELEMETRY_MAX_READINGS = "telemetry.max.readings";
    public static final String TELEMETRY_MAX_FUTURE_MS = "telemetry.max.future.ms";
    public static final String TOPICS_CREATE = "topics.create";
    public static final String TOPICS_PARTITIONS = "topics.partitions";
    public static final String TOPICS_REPLICATION = "topics.replication";
    public static final String BROKER_PORT = "broker.port";
    public static final String BROKER_CONTROLLER_PORT = "broker.controller.port";
    public static final String BROKER_DIR = "broker.dir";
    public static final String SIMULATOR_ENABLED = "simulator.enabled";
    public static final String SIMULATOR_PROBES = "simulator.probes";
    public static final String SIMULATOR_AIR_QUALITY = "simulator.air-quality";
    public static final String SIMULATOR_INTERVAL_MS = "simulator.interval.ms";
    public static final String SIMULATOR_ANOMALY_RATE = "simulator.anomaly.rate";
    public static final String SIMULATOR_SEED = "simulator.seed";
    public static final String SIMULATOR_DOOR_SENSORS = "simulator.door-sensors";
    public static final String SIMULATOR_KINDS = "simulator.kinds";
    public static final String RULES_STUCK_READINGS = "rules.stuck.readings";
    public static final String RULES_MISSING_READINGS = "rules.missing.readings";
    public static final String RULES_ENVELOPE_DEVIATIONS = "rules.envelope.deviations";
    public static final String COMMANDS_TTL_MS = "commands.ttl.ms";
    public static final String COMMANDS_HISTORY = "commands.history";
    public static final String MQTT_ENABLED = "ingest.mqtt.enabled";
    public static final String MQTT_SERVER = "ingest.mqtt.server";
    public static final String MQTT_TOPIC = "ingest.mqtt.topic";
    public static final String MQTT_CLIENT_ID = "ingest.mqtt.client.id";
    public static final String UDP_ENABLED = "ingest.udp.enabled";
    public static final String UDP_HOST = "ingest.udp.host";
    public static final String UDP_PORT = "ingest.udp.port";
    public static final String UDP_DEVICES = "ingest.udp.devices";
    public static final String EDGE_INTERVAL_MS = "ingest.edge.interval.ms";
    public static final String EDGE_DEADBAND = "ingest.edge.deadband";
    public static final String EDGE_MAX_SILENCE_MS = "ingest.edge.max.silence.ms";

    /** Names the properties file to read, as an environment variable. */
    public static final String CONFIG_FILE_ENV = "VIGIL_CONFIG_FILE";
    public static final String KAFKA_PREFIX = "kafka.";

    private static final Map<String, String> DEFAULTS = defaults();

    private final Map<String, String> values;

    private VigilConfig(final Map<String, String> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    private static Map<String, String> defaults() {
        final Map<String, String> d = new LinkedHashMap<>();
        d.put(BOOTSTRAP_SERVERS, "");
        d.put(APPLICATION_ID, "vigil");
        d.put(APPLICATION_SERVER, "");
        d.put(STATE_DIR, "data/streams");
        d.put(PROCESSING_GUARANTEE, "exactly_once_v2");
        d.put(HTTP_HOST, "127.0.0.1");
        d.put(HTTP_PORT, "7070");
        d.put(MODEL_PATH, "");
        d.put(THRESHOLD, "");
        d.put(WARMUP_READINGS, "50");
        d.put(WARMUP_PROVISIONAL, "true");
        d.put(WARMUP_REVIEW, "true");
        d.put(WARMUP_REVIEW_BLOCKS, "3");
        d.put(BATCH_MAX_SIZE, "256");
        d.put(BATCH_MAX_WAIT_MS, "20");
        d.put(HISTORY_RETENTION_MS, "86400000");
        d.put(STATE_CACHE_DEVICES, "10000");
        d.put(STATE_STORE, "memory");
        d.put(ALARMS_HOLDOFF_READINGS, "16");
        d.put(ALARMS_ESCALATION_READINGS, "96");
        d.put(MOVEMENTS_METRICS, "3");
        d.put(MOVEMENTS_NORMAL_AFTER, "0");
        d.put(STANDBY_MAX_LAG, "10000");
        d.put(SSE_MAX_CLIENTS, "100");
        d.put(SSE_KEEPALIVE_MS, "15000");
        d.put(FEED_BUFFER_SIZE, "10000");
        d.put(INGEST_HTTP_MAX_ITEMS, "1000");
        d.put(TELEMETRY_MAX_BYTES, "65536");
        d.put(TELEMETRY_MAX_READINGS, "64");
        d.put(TELEMETRY_MAX_FUTURE_MS, "86400000");
        d.put(TOPICS_CREATE, "true");
        d.put(TOPICS_PARTITIONS, "12");
        d.put(TOPICS_REPLICATION, "1");
        d.put(BROKER_PORT, "9092");
        d.put(BROKER_CONTROLLER_PORT, "9093");
        d.put(BROKER_DIR, "data/kafka");
        d.put(SIMULATOR_ENABLED, "true");
        d.put(SIMULATOR_PROBES, "200");
        d.put(SIMULATOR_AIR_QUALITY, "100");
        d.put(SIMULATOR_INTERVAL_MS, "1000");
        d.put(SIMULATOR_ANOMALY_RATE, "0.001");
        d.put(SIMULATOR_SEED, "42");
        d.put(SIMULATOR_DOOR_SENSORS, "20");
        d.put(SIMULATOR_KINDS, "");
        d.put(RULES_STUCK_READINGS, "5");
        d.put(RULES_MISSING_READINGS, "3");
        d.put(RULES_ENVELOPE_DEVIATIONS, "3");
        d.put(COMMANDS_TTL_MS, "60000");
        d.put(COMMANDS_HISTORY, "50");
        d.put(MQTT_ENABLED, "false");
        d.put(MQTT_SERVER, "127.0.0.1:1883");
        d.put(MQTT_TOPIC, "vigil/+/telemetry");
        d.put(MQTT_CLIENT_ID, "vigil-bridge");
        d.put(UDP_ENABLED, "false");
        d.put(UDP_HOST, "127.0.0.1");
        d.put(UDP_PORT, "5555");
        d.put(UDP_DEVICES, "");
        d.put(EDGE_INTERVAL_MS, "200");
        d.put(EDGE_DEADBAND, "");
        d.put(EDGE_MAX_SILENCE_MS, "60000");
        return Collections.unmodifiableMap(d);
    }

    /** Defaults, then the file named by {@code VIGIL_CONFIG_FILE} (if any), then {@code VIGIL_*} variables. */
    public static VigilConfig fromEnvironment(final Map<String, String> env) {
        final String file = env.get(CONFIG_FILE_ENV);
        return load(file == null || file.isBlank() ? null : Path.of(file), env);
    }

    /** Defaults, then {@code propertiesFile} (may be null), then the {@code VIGIL_*} entries of {@code env}. */
    public static VigilConfig load(final Path propertiesFile, final Map<String, String> env) {
        final Map<String, String> merged = new LinkedHashMap<>(DEFAULTS);
        if (propertiesFile != null) {
            merged.putAll(readProperties(propertiesFile));
        }
        for (final Map.Entry<String, String> e : env.entrySet()) {
            if (e.getKey().startsWith("VIGIL_") && !e.getKey().equals(CONFIG_FILE_ENV)) {
                merged.put(keyFor(e.getKey(), merged), e.getValue());
            }
        }
        return new VigilConfig(merged);
    }

    /** Defaults overridden by {@code overrides}: what tests use. */
    public static VigilConfig of(final Map<String, String> overrides) {
        final Map<String, String> merged = new LinkedHashMap<>(DEFAULTS);
        merged.putAll(overrides);
        return new VigilConfig(merged);
    }

    /** This configuration with some values replaced. */
    public VigilConfig with(final Map<String, String> overrides) {
        final Map<String, String> merged = new LinkedHashMap<>(values);
        merged.putAll(overrides);
        return new VigilConfig(merged);
    }

    /** The environment variable that sets {@code key}. */
    public static String envName(final String key) {
        return "VIGIL_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static String keyFor(final String envName, final Map<String, String> known) {
        for (final String key : known.keySet()) {
            if (envName(key).equals(envName)) {
                return key;
            }
        }
        return envName.substring("VIGIL_".length()).toLowerCase(Locale.ROOT).replace('_', '.');
    }

    private static Map<String, String> readProperties(final Path file) {
        final Properties props = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            props.load(in);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot read the configuration file " + file, e);
        }
        final Map<String, String> out = new LinkedHashMap<>();
        props.stringPropertyNames().forEach(k -> out.put(k, props.getProperty(k).trim()));
        return out;
    }

    public String get(final String key) {
        final String value = values.get(key);
        if (value == null) {
            throw new IllegalArgumentException("unknown configuration key '" + key + "'");
        }
        return value;
    }

    public int getInt(final String key) {
        return parse(key, Integer::parseInt);
    }

    public long getLong(final String key) {
        return parse(key, Long::parseLong);
    }

    public double getDouble(final String key) {
        return parse(key, Double::parseDouble);
    }

    public boolean getBoolean(final String key) {
        final String v = get(key).trim().toLowerCase(Locale.ROOT);
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException(describe(key) + " must be true or false, was '" + get(key) + "'");
        }
        return Boolean.parseBoolean(v);
    }

    public Duration getMillis(final String key) {
        return Duration.ofMillis(getLong(key));
    }

    /** True when the key is set to a non-blank value. */
    public boolean isSet(final String key) {
        return !get(key).isBlank();
    }

    /** The {@code kafka.*} pass-through settings, without the prefix. */
    public Map<String, String> kafkaOverrides() {
        final Map<String, String> out = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(KAFKA_PREFIX)) {
                out.put(k.substring(KAFKA_PREFIX.length()), v);
            }
        });
        return out;
    }

    public Map<String, String> asMap() {
        return values;
    }

    private <T> T parse(final String key, final java.util.function.Function<String, T> parser) {
        try {
            return parser.apply(get(key).trim());
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException(describe(key) + " must be a number, was '" + get(key) + "'", e);
        }
    }

    private static String describe(final String key) {
        return "setting '" + key + "' (" + envName(key) + ")";
    }
}
