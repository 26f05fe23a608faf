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

    /**
     * Output, compacted: each device's learned noise scale of each metric, {@link dev.vigil.fleet.MetricScale}, key =
     * {@code deviceId/metric}; a tombstone when the range has none of its own. Every instance counts them by device type
     * into a global store ({@link dev.vigil.fleet.FleetScaleCounter}).
     */
    public static final String METRIC_SCALES = "metric-scales";

    /** Topics Vigil creates when {@code topics.create} is on (compacted ones listed in {@link #COMPACTED}). */
    public static final List<String> ALL = List.of(TELEMETRY, DEVICES, SCORES, ANOMALIES, TELEMETRY_DLQ, ANOMALY_LABELS,
            COMMANDS, COMMAND_ACKS, METRIC_SCALES);
    public static final List<String> COMPACTED = List.of(DEVICES, METRIC_SCALES);

    private Topics() {
    }
}
