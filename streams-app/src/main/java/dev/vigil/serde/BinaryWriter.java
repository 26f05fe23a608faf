package dev.vigil.serde;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Writes the primitives of a {@link BinaryCodec} layout, big-endian, into a {@link ByteBuffer} sized by the codec. Nullable values carry a presence byte. Strings are UTF-8 with a
 * length; codecs size them with {@link #size(String)}. {@link BinaryReader} reads them back.
 */
public final class BinaryWriter {

    private final ByteBuffer buffer;

    BinaryWriter(final ByteBuffer buffer) {
        this.buffer = buffer;
    }

    public static int size(final String value) {
        return Integer.BYTES + (value == null ? 0 : utf8Length(value));
    }

    public static int size(final double[] values) {
        return Integer.BYTES + Double.BYTES * values.length;
    }

    /** A nullable instant: a presence byte, then seconds and nanoseconds. */
    public static int instantSize(final Instant value) {
        return 1 + (value == null ? 0 : Long.BYTES + Integer.BYTES);
    }

    public BinaryWriter putByte(final int value) {
        buffer.put((byte) value);
        return this;
    }

    public BinaryWriter putBoolean(final boolean value) {
        return putByte(value ? 1 : 0);
    }

    public BinaryWriter putInt(final int value) {
        buffer.putInt(value);
        return this;
    }

    public BinaryWriter putLong(final long value) {
        buffer.putLong(value);
        return this;
    }

    public BinaryWriter putDouble(final double value) {
        buffer.putDouble(value);
        return this;
    }

    /** A string, or null (length -1). */
    public BinaryWriter putString(final String value) {
        if (value == null) {
            return putInt(-1);
        }
        final byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        buffer.putInt(bytes.length).put(bytes);
        return this;
    }

    public BinaryWriter putDoubles(final double[] values) {
        buffer.putInt(values.length);
        for (final double value : values) {
            buffer.putDouble(value);
        }
        return this;
    }

    public BinaryWriter putInstant(final Instant value) {
        if (value == null) {
            return putByte(0);
        }
        buffer.put((byte) 1).putLong(value.getEpochSecond()).putInt(value.getNano());
        return this;
    }

    private static int utf8Length(final String value) {
        int length = 0;
        for (int i = 0; i < value.length(); i++) {
            final char c = value.charAt(i);
            if (c < 0x80) {
                length++;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                length += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                length++; // a lone surrogate: String.getBytes writes '?'
            } else {
                length += 3;
            }
        }
        return length;
    }
}
