package dev.vigil.topology;

import java.util.List;

/** Vigil's topics. Their JSON formats are documented in the README. */
public final class Topics {

    /** Input: key = device id (optional), value = a telemetry message. */
    public static final String TELEMETRY = "telemetry";
    /** Input, compacted: the device registry; key = device id, value = {@link dev.vigil.registry.Device}. */
    public static final String DEVICES = "devices";
    /** Output: one {@link dev.vigil.scoring.ScoreRecord} per scored reading, key = device id. */
    public static final String SCORES = "scores";
    /** Output: the anomalous readings, {@link dev.vigil.scoring.AnomalyRecord}, key = device id. */
    public static final String ANOMALIES = "anomalies";
    /** Output: every record that could not be used, {@link dev.vigil.ingest.DeadLetter}, key = original key. */
    public static final String TELEMETRY_DLQ = "telemetry-dlq";
    /** Ground truth of injected anomalies, written by the simulator. */
    public static final String ANOMALY_LABELS = "anomaly-labels";

    /** Commands to devices, {@link dev.vigil.command.Command}, key = device id. */
    public static final String COMMANDS = "commands";
    /** Devices' answers to commands, {@link dev.vigil.command.CommandAck}, key = device id. */
    public static final String COMMAND_ACKS = "command-acks";

    /** Topics Vigil creates when {@code topics.create} is on (compacted ones listed in {@link #COMPACTED}). */
    public static final List<String> ALL = List.of(TELEMETRY, DEVICES, SCORES, ANOMALIES, TELEMETRY_DLQ, ANOMALY_LABELS,
            COMMANDS, COMMAND_ACKS);
    public static final List<String> COMPACTED = List.of(DEVICES);

    private Topics() {
    }
}
