package dev.vigil.scoring;

import dev.vigil.serde.BinaryCodec;
import dev.vigil.serde.BinaryWriter;
import java.nio.ByteBuffer;

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
    public ScoreRecord read(final ByteBuffer in) {
        return new ScoreRecord(BinaryWriter.readString(in), BinaryWriter.readString(in), BinaryWriter.readString(in),
                BinaryWriter.readInstant(in), in.getDouble(), BinaryWriter.readBoolean(in), in.getDouble(),
                in.getDouble(), in.getDouble(), BinaryWriter.readBoolean(in), BinaryWriter.readString(in),
                BinaryWriter.readString(in));
    }
}
