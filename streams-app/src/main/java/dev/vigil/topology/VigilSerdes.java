package dev.vigil.topology;

import dev.vigil.command.Command;
import dev.vigil.command.CommandAck;
import dev.vigil.command.CommandLog;
import dev.vigil.fleet.MetricScale;
import dev.vigil.fleet.ScaleCounts;
import dev.vigil.ingest.DeadLetter;
import dev.vigil.ingest.Telemetry;
import dev.vigil.registry.Device;
import dev.vigil.scoring.AnomalyRecord;
import dev.vigil.scoring.PendingScore;
import dev.vigil.scoring.ScoreRecord;
import dev.vigil.scoring.HistoryScoreCodec;
import dev.vigil.serde.BinarySerde;
import dev.vigil.serde.JsonSerde;
import dev.vigil.state.DeviceState;
import dev.vigil.state.DeviceStateCodec;
import org.apache.kafka.common.serialization.Serde;

/**
 * The serde of every topic and store value, next to the names in {@link Topics} and {@link StoreNames}. Topic values
 * are JSON (the wire format in the README); store values, and so their changelogs, are Smile ({@link JsonSerde#binary}),
 * but for the two written on every reading, a device's state and a history score, which have a fixed binary layout
 * ({@link BinarySerde}; it still reads the Smile written before).
 */
public final class VigilSerdes {

    private VigilSerdes() {
    }

    public static JsonSerde<Telemetry> telemetry() {
        return new JsonSerde<>(Telemetry.class);
    }

    public static JsonSerde<Device> device() {
        return new JsonSerde<>(Device.class);
    }

    public static JsonSerde<ScoreRecord> score() {
        return new JsonSerde<>(ScoreRecord.class);
    }

    /** A score in the {@code score-history} store (the {@code scores} topic carries {@link #score()}). */
    public static Serde<ScoreRecord> historyScore() {
        return new BinarySerde<>(new HistoryScoreCodec(), ScoreRecord.class);
    }

    public static JsonSerde<AnomalyRecord> anomaly() {
        return new JsonSerde<>(AnomalyRecord.class);
    }

    public static JsonSerde<DeadLetter> deadLetter() {
        return new JsonSerde<>(DeadLetter.class);
    }

    public static Serde<DeviceState> deviceState() {
        return new BinarySerde<>(new DeviceStateCodec(), DeviceState.class);
    }

    public static JsonSerde<PendingScore> pendingScore() {
        return JsonSerde.binary(PendingScore.class);
    }

    public static JsonSerde<Command> command() {
        return new JsonSerde<>(Command.class);
    }

    public static JsonSerde<CommandAck> commandAck() {
        return new JsonSerde<>(CommandAck.class);
    }

    public static JsonSerde<CommandLog> commandLog() {
        return JsonSerde.binary(CommandLog.class);
    }

    public static JsonSerde<MetricScale> metricScale() {
        return new JsonSerde<>(MetricScale.class);
    }

    public static JsonSerde<ScaleCounts> scaleCounts() {
        return JsonSerde.binary(ScaleCounts.class);
    }
}
