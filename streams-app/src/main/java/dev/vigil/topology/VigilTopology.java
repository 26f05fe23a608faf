package dev.vigil.topology;

import dev.vigil.command.CommandTracker;
import dev.vigil.fleet.FleetScaleCounter;
import org.apache.kafka.streams.state.Stores;
import dev.vigil.ingest.Parsed;
import dev.vigil.ingest.Telemetry;
import dev.vigil.ingest.TelemetryLimits;
import dev.vigil.ingest.TelemetryParseProcessor;
import dev.vigil.ingest.TelemetryParser;
import dev.vigil.model.score.WindowScorer;
import dev.vigil.registry.Device;
import dev.vigil.scoring.ScoringMetrics;
import dev.vigil.scoring.ScoringOutput;
import dev.vigil.scoring.ScoringProcessorSupplier;
import dev.vigil.scoring.ScoringSettings;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * Wires Vigil's streaming core; it only wires.
 *
 * <pre>
 * telemetry (bytes) ─ parse ─┬─ invalid ─────────────────────────────────────────────▶ telemetry-dlq
 *                            ├─ keyed by device id ──────────────┐
 *                            └─ no key ─ repartition by device ──┴─ score ─┬─ scores
 *                      device-state, pending-scores, score-history ┘         ├─ anomalies
 * devices ─▶ device-registry (global store in memory, read by score)                 └─ telemetry-dlq
 * commands, command-acks ─▶ track ─▶ device-commands (each device's latest commands and their states)
 * score ─▶ metric-scales (each device's settled scale per metric) ─ count by device type and metric ─▶ fleet-scales
 *   (global store in memory, read by score)
 * </pre>
 */
public final class VigilTopology {

    private VigilTopology() {
    }

    public static Topology build(final ScoringSettings settings, final TelemetryLimits limits,
            final WindowScorer scorer, final ScoringMetrics metrics, final int commandHistory) {
        final StreamsBuilder builder = new StreamsBuilder();
        // in memory: every reading looks its device up, and a RocksDB miss (a device with no registry entry) cost
        // 7% of a stream thread in a C++ exception thrown and caught inside RocksJava (BENCHMARKS.md, session 5)
        builder.globalTable(Topics.DEVICES, Consumed.with(Serdes.String(), VigilSerdes.device()).withName("devices-source"),
                Materialized.<String, Device>as(Stores.inMemoryKeyValueStore(StoreNames.REGISTRY))
                        .withKeySerde(Serdes.String()).withValueSerde(VigilSerdes.device()));
        // one hop from scoring to every scoring task: the global thread counts what scoring publishes
        builder.addGlobalStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(StoreNames.FLEET_SCALES),
                        Serdes.String(), VigilSerdes.scaleCounts()).withLoggingDisabled(),
                Topics.METRIC_SCALES, Consumed.with(Serdes.String(), VigilSerdes.metricScale()).withName("metric-scales-source"),
                () -> new FleetScaleCounter(StoreNames.FLEET_SCALES));

        final TelemetryParser parser = new TelemetryParser(limits);
        final Map<String, KStream<String, Parsed>> parsed = builder
                .stream(Topics.TELEMETRY, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("telemetry-source"))
                .process(() -> new TelemetryParseProcessor(parser), Named.as("parse"))
                .split(Named.as("parsed-"))
                .branch((key, value) -> !value.isValid(), Branched.as("invalid"))
                .branch((key, value) -> value.rekey(), Branched.as("unkeyed"))
                .defaultBranch(Branched.as("keyed"));

        parsed.get("parsed-invalid").mapValues(Parsed::deadLetter, Named.as("invalid-letter"))
                .to(Topics.TELEMETRY_DLQ, Produced.with(Serdes.String(), VigilSerdes.deadLetter()).withName("dlq-parse-sink"));

        final KStream<String, Telemetry> rekeyed = parsed.get("parsed-unkeyed")
                .mapValues(Parsed::telemetry, Named.as("unkeyed-telemetry"))
                .repartition(Repartitioned.with(Serdes.String(), VigilSerdes.telemetry()).withName("rekeyed"));
        final KStream<String, Telemetry> telemetry = parsed.get("parsed-keyed")
                .mapValues(Parsed::telemetry, Named.as("keyed-telemetry"))
                .merge(rekeyed, Named.as("all-telemetry"));

        final Map<String, KStream<String, ScoringOutput>> outputs = telemetry
                .process(new ScoringProcessorSupplier(scorer, settings, metrics), Named.as("score"))
                .split(Named.as("output-"))
                .branch((key, value) -> value instanceof ScoringOutput.Scored, Branched.as("score"))
                .branch((key, value) -> value instanceof ScoringOutput.Anomalous, Branched.as("anomaly"))
                .branch((key, value) -> value instanceof ScoringOutput.Learned, Branched.as("learned"))
                .defaultBranch(Branched.as("rejected"));

        outputs.get("output-score").mapValues(value -> ((ScoringOutput.Scored) value).score(), Named.as("score-value"))
                .to(Topics.SCORES, Produced.with(Serdes.String(), VigilSerdes.score()).withName("scores-sink"));
        outputs.get("output-anomaly").mapValues(value -> ((ScoringOutput.Anomalous) value).anomaly(), Named.as("anomaly-value"))
                .to(Topics.ANOMALIES, Produced.with(Serdes.String(), VigilSerdes.anomaly()).withName("anomalies-sink"));
        outputs.get("output-rejected").mapValues(value -> ((ScoringOutput.Rejected) value).deadLetter(), Named.as("rejected-value"))
                .to(Topics.TELEMETRY_DLQ, Produced.with(Serdes.String(), VigilSerdes.deadLetter()).withName("dlq-score-sink"));

        outputs.get("output-learned").mapValues(value -> ((ScoringOutput.Learned) value).scale(), Named.as("learned-value"))
                .to(Topics.METRIC_SCALES, Produced.with(Serdes.String(), VigilSerdes.metricScale())
                        .withName("metric-scales-sink"));

        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.DEVICE_COMMANDS),
                Serdes.String(), VigilSerdes.commandLog()));
        builder.stream(Topics.COMMANDS, Consumed.with(Serdes.String(), VigilSerdes.command()).withName("commands-source"))
                .process(() -> new CommandTracker.Issued(StoreNames.DEVICE_COMMANDS, commandHistory),
                        Named.as("track-commands"), StoreNames.DEVICE_COMMANDS);
        builder.stream(Topics.COMMAND_ACKS, Consumed.with(Serdes.String(), VigilSerdes.commandAck()).withName("acks-source"))
                .process(() -> new CommandTracker.Answered(StoreNames.DEVICE_COMMANDS, commandHistory), Named.as("track-acks"),
                        StoreNames.DEVICE_COMMANDS);
        return builder.build();
    }
}
