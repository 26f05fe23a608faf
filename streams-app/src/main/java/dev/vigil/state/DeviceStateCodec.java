package dev.vigil.state;

import dev.vigil.model.Normalisation;
import dev.vigil.serde.BinaryCodec;
import dev.vigil.serde.BinaryReader;
import dev.vigil.serde.BinaryWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code device-state} store's layout (version 5): the device's fields, then each metric's state in the order of
 * {@link DeviceState#metrics()}, then the last anomaly, then the device's movement. Version 1 (before device movements)
 * is still read, with no movement, version 2 (before each metric's {@link Envelope}) with no envelope, and version 3
 * (before each metric's {@link ErrorPeak}) with no peak, and version 4 (before {@link MetricState#resting}) with no run
 * resting. Doubles are 8 raw bytes, so a value reads back bit for bit.
 * Change a field of {@link DeviceState}, {@link MetricState}, {@link RunningStats} or {@link AnomalySummary} and
 * this layout changes: bump {@link #version()} and keep reading the old one. {@code DeviceStateCodecTest} round-trips
 * every field.
 */
public final class DeviceStateCodec implements BinaryCodec<DeviceState> {

    private static final int NORMALISATION = 1 + 2 * Double.BYTES;

    private static final byte BEFORE_MOVEMENTS = 1;
    private static final byte BEFORE_ENVELOPES = 2;
    private static final byte BEFORE_PEAKS = 3;
    private static final byte BEFORE_RESTING = 4;

    @Override
    public byte version() {
        return 5;
    }

    @Override
    public boolean reads(final byte version) {
        return version >= BEFORE_MOVEMENTS && version <= version();
    }

    @Override
    public int size(final DeviceState state) {
        int size = BinaryWriter.size(state.deviceId()) + BinaryWriter.instantSize(state.firstSeen())
                + BinaryWriter.instantSize(state.lastSeen()) + 3 * Long.BYTES + Integer.BYTES;
        for (final Map.Entry<String, MetricState> metric : state.metrics().entrySet()) {
            size += BinaryWriter.size(metric.getKey()) + size(metric.getValue());
        }
        final AnomalySummary last = state.lastAnomaly();
        return size + 1 + (last == null ? 0 : BinaryWriter.size(last.metric())
                + BinaryWriter.instantSize(last.timestamp()) + 3 * Double.BYTES) + 3 * Long.BYTES;
    }

    private static int size(final MetricState m) {
        return BinaryWriter.size(m.window()) + Long.BYTES + 2 * Double.BYTES + 2 * Long.BYTES
                + BinaryWriter.instantSize(m.lastTimestamp()) + 1 + (m.lastValue() == null ? 0 : Double.BYTES) + 1
                + NORMALISATION + BinaryWriter.size(m.warmup()) + 1 + 2 * Integer.BYTES + 1 + 1 + Long.BYTES
                + Double.BYTES + BinaryWriter.size(m.movementExcursions()) + size(m.envelope())
                + 1 + (m.peak() == null ? 0 : Double.BYTES + 2 * Long.BYTES);
    }

    /** A presence byte, then lo and hi and the raised envelope's presence byte, lo and hi. */
    private static int size(final Envelope envelope) {
        return 1 + (envelope == null ? 0 : 2 * Double.BYTES + 1 + (envelope.raised() == null ? 0 : 2 * Double.BYTES));
    }

    @Override
    public void write(final DeviceState state, final BinaryWriter out) {
        out.putString(state.deviceId()).putInstant(state.firstSeen()).putInstant(state.lastSeen())
                .putLong(state.messages()).putLong(state.rejectedReadings()).putLong(state.anomalies())
                .putInt(state.metrics().size());
        for (final Map.Entry<String, MetricState> metric : state.metrics().entrySet()) {
            out.putString(metric.getKey());
            write(metric.getValue(), out);
        }
        final AnomalySummary last = state.lastAnomaly();
        out.putBoolean(last != null);
        if (last != null) {
            out.putString(last.metric()).putInstant(last.timestamp()).putDouble(last.value())
                    .putDouble(last.reconstructionError()).putDouble(last.threshold());
        }
        out.putLong(state.movedAt()).putLong(state.movingSince()).putLong(state.movements());
    }

    private static void write(final MetricState m, final BinaryWriter out) {
        out.putDoubles(m.window()).putLong(m.stats().count()).putDouble(m.stats().mean()).putDouble(m.stats().m2())
                .putLong(m.received()).putLong(m.imputed()).putInstant(m.lastTimestamp())
                .putBoolean(m.lastValue() != null);
        if (m.lastValue() != null) {
            out.putDouble(m.lastValue());
        }
        out.putBoolean(m.lastImputed()).putBoolean(m.learned() != null)
                .putDouble(m.learned() == null ? 0 : m.learned().lo()).putDouble(m.learned() == null ? 0 : m.learned().hi())
                .putDoubles(m.warmup()).putBoolean(m.reviewed()).putInt(m.sameRun()).putBoolean(m.resting())
                .putInt(m.missingRun())
                .putByte(m.varies() == null ? 2 : m.varies() ? 1 : 0).putLong(m.lastAlarm())
                .putDouble(m.movementExcursion()).putDoubles(m.movementExcursions()).putBoolean(m.envelope() != null);
        if (m.envelope() != null) {
            final Envelope raised = m.envelope().raised();
            out.putDouble(m.envelope().lo()).putDouble(m.envelope().hi()).putBoolean(raised != null);
            if (raised != null) {
                out.putDouble(raised.lo()).putDouble(raised.hi());
            }
        }
        out.putBoolean(m.peak() != null);
        if (m.peak() != null) {
            out.putDouble(m.peak().error()).putLong(m.peak().sequence()).putLong(m.peak().lastCulprit());
        }
    }

    @Override
    public DeviceState read(final BinaryReader in) {
        return read(in, version());
    }

    @Override
    public DeviceState read(final BinaryReader in, final byte version) {
        final boolean movements = version != BEFORE_MOVEMENTS;
        final String deviceId = in.getString();
        final Instant firstSeen = in.getInstant();
        final Instant lastSeen = in.getInstant();
        final long messages = in.getLong();
        final long rejected = in.getLong();
        final long anomalies = in.getLong();
        final int count = in.getInt();
        if (count < 0 || count > in.remaining()) {
            throw new IllegalArgumentException("bad metric count " + count);
        }
        final Map<String, MetricState> metrics = new LinkedHashMap<>(Math.max(4, count * 2));
        for (int i = 0; i < count; i++) {
            metrics.put(in.getString(), readMetric(in, version));
        }
        final AnomalySummary last = in.getBoolean() ? new AnomalySummary(in.getString(),
                in.getInstant(), in.getDouble(), in.getDouble(), in.getDouble()) : null;
        return movements
                ? new DeviceState(deviceId, firstSeen, lastSeen, messages, rejected, anomalies, metrics, last,
                        in.getLong(), in.getLong(), in.getLong())
                : new DeviceState(deviceId, firstSeen, lastSeen, messages, rejected, anomalies, metrics, last, 0, 0, 0);
    }

    private static Envelope readEnvelope(final BinaryReader in) {
        final double lo = in.getDouble();
        final double hi = in.getDouble();
        return new Envelope(lo, hi, in.getBoolean() ? new Envelope(in.getDouble(), in.getDouble(), null) : null);
    }

    private static MetricState readMetric(final BinaryReader in, final byte version) {
        final boolean movements = version > BEFORE_MOVEMENTS;
        final double[] window = in.getDoubles();
        final RunningStats stats = new RunningStats(in.getLong(), in.getDouble(), in.getDouble());
        final long received = in.getLong();
        final long imputed = in.getLong();
        final Instant lastTimestamp = in.getInstant();
        final Double lastValue = in.getBoolean() ? in.getDouble() : null;
        final boolean lastImputed = in.getBoolean();
        final boolean hasRange = in.getBoolean();
        final double lo = in.getDouble();
        final double hi = in.getDouble();
        final double[] warmup = in.getDoubles();
        final boolean reviewed = in.getBoolean();
        final int sameRun = in.getInt();
        final boolean resting = version > BEFORE_RESTING && in.getBoolean();
        final int missingRun = in.getInt();
        final byte varies = in.getByte();
        final long lastAlarm = in.getLong();
        final double movementExcursion = movements ? in.getDouble() : 0;
        final double[] movementExcursions = movements ? in.getDoubles() : new double[0];
        final Envelope envelope = version > BEFORE_ENVELOPES && in.getBoolean() ? readEnvelope(in) : null;
        final ErrorPeak peak = version > BEFORE_PEAKS && in.getBoolean()
                ? new ErrorPeak(in.getDouble(), in.getLong(), in.getLong()) : null;
        return new MetricState(window, stats, received, imputed, lastTimestamp, lastValue, lastImputed,
                hasRange ? new Normalisation(lo, hi) : null, warmup, reviewed, sameRun, resting, missingRun,
                varies == 2 ? null : varies == 1, lastAlarm, movementExcursion, movementExcursions, envelope, peak);
    }
}
