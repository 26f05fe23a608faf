package dev.vigil.serde;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Reads what {@link BinaryWriter} wrote, field by field, from the bytes after {@link BinarySerde}'s header. A length
 * that points past the end fails with {@link IllegalArgumentException}, before anything is allocated for it.
 */
public final class BinaryReader {

    private final ByteBuffer in;

    BinaryReader(final ByteBuffer in) {
        this.in = in;
    }

    public byte getByte() {
        return in.get();
    }

    public boolean getBoolean() {
        return in.get() != 0;
    }

    public int getInt() {
        return in.getInt();
    }

    public long getLong() {
        return in.getLong();
    }

    public double getDouble() {
        return in.getDouble();
    }

    /** A string, or null. */
    public String getString() {
        final int length = in.getInt();
        if (length < 0) {
            return null;
        }
        if (length > in.remaining()) {
            throw new IllegalArgumentException("a string of " + length + " bytes in " + in.remaining());
        }
        final String value = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return value;
    }

    public double[] getDoubles() {
        final int length = in.getInt();
        if (length < 0 || length > in.remaining() / Double.BYTES) {
            throw new IllegalArgumentException(length + " doubles in " + in.remaining() + " bytes");
        }
        final double[] values = new double[length];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.getDouble();
        }
        return values;
    }

    /** A nullable instant. */
    public Instant getInstant() {
        return in.get() == 0 ? null : Instant.ofEpochSecond(in.getLong(), in.getInt());
    }

    /** Bytes not read yet (a whole value leaves none). */
    public int remaining() {
        return in.remaining();
    }
}
