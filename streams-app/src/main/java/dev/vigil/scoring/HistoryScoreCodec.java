package dev.vigil.scoring;

import dev.vigil.serde.BinaryCodec;
import dev.vigil.serde.BinaryReader;
import dev.vigil.serde.BinaryWriter;

/**
 * The {@code score-history} store's layout of a {@link ScoreRecord} (version 1): its fields in declaration order.
 * Change {@link ScoreRecord} and this layout changes: bump {@link #version()} and keep reading the old one.
 */
public final class HistoryScoreCodec implements BinaryCodec<ScoreRecord> {

    @Override
    public byte version() {
        return 1;
    }

    @Override
    public int size(final ScoreRecord s) {
        return BinaryWriter.size(s.deviceId()) + BinaryWriter.size(s.deviceType()) + BinaryWriter.size(s.metric())
                + BinaryWriter.instantSize(s.timestamp()) + Double.BYTES + 1 + 3 * Double.BYTES + 1
                + BinaryWriter.size(s.modelVersion()) + BinaryWriter.size(s.detector());
    }

    @Override
    public void write(final ScoreRecord s, final BinaryWriter out) {
        out.putString(s.deviceId()).putString(s.deviceType()).putString(s.metric()).putInstant(s.timestamp())
                .putDouble(s.value()).putBoolean(s.imputed()).putDouble(s.reconstructionError())
                .putDouble(s.pointError()).putDouble(s.threshold()).putBoolean(s.anomaly())
                .putString(s.modelVersion()).putString(s.detector());
    }

    @Override
    public ScoreRecord read(final BinaryReader in) {
        return new ScoreRecord(in.getString(), in.getString(), in.getString(),
                in.getInstant(), in.getDouble(), in.getBoolean(), in.getDouble(),
                in.getDouble(), in.getDouble(), in.getBoolean(), in.getString(),
                in.getString());
    }
}
