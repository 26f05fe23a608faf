package dev.vigil.serde;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A store serde with a hand-written layout ({@link BinaryCodec}) for the values written on every reading: a device's
 * state and a history score. Measured against Smile ({@link JsonSerde#binary}) in {@code SerdeBenchmark}
 * (BENCHMARKS.md): these two writes were most of the 23% of a stream thread spent serialising. The bytes start with
 * {@link #MAGIC} and the codec's version; values without the magic are read with {@link JsonSerde#binary} (Smile,
 * or text JSON), so stores and changelogs written by earlier versions stay readable. {@code null} maps to
 * {@code null} both ways; failures become {@link SerializationException}.
 */
public final class BinarySerde<T> implements Serde<T> {

    /** 'V': neither Smile (':') nor JSON ('{', whitespace) starts with it. */
    static final byte MAGIC = 'V';

    private final BinaryCodec<T> codec;
    private final JsonSerde<T> legacy;
    private final Class<T> type;

    public BinarySerde(final BinaryCodec<T> codec, final Class<T> type) {
        this.codec = codec;
        this.legacy = JsonSerde.binary(type);
        this.type = type;
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, data) -> data == null ? null : write(data);
    }

    @Override
    public Deserializer<T> deserializer() {
        final Deserializer<T> fallback = legacy.deserializer();
        return (topic, bytes) -> {
            if (bytes == null || bytes.length == 0 || bytes[0] != MAGIC) {
                return fallback.deserialize(topic, bytes);
            }
            return read(topic, bytes);
        };
    }

    private byte[] write(final T data) {
        try {
            final byte[] bytes = new byte[2 + codec.size(data)];
            final ByteBuffer buffer = ByteBuffer.wrap(bytes).put(MAGIC).put(codec.version());
            codec.write(data, new BinaryWriter(buffer));
            if (buffer.hasRemaining()) {
                throw new IllegalStateException(buffer.remaining() + " bytes sized but not written");
            }
            return bytes;
        } catch (final RuntimeException e) {
            throw new SerializationException("cannot serialise " + type.getSimpleName() + ": " + e, e);
        }
    }

    private T read(final String topic, final byte[] bytes) {
        if (bytes.length < 2 || !codec.reads(bytes[1])) {
            throw new SerializationException("cannot read " + type.getSimpleName() + " from " + topic + ": layout version "
                    + (bytes.length < 2 ? "missing" : bytes[1]) + ", this version reads " + codec.version());
        }
        try {
            final BinaryReader in = new BinaryReader(ByteBuffer.wrap(bytes, 2, bytes.length - 2));
            final T value = codec.read(in, bytes[1]);
            if (in.remaining() > 0) {
                throw new IllegalArgumentException(in.remaining() + " trailing bytes");
            }
            return value;
        } catch (final BufferUnderflowException | IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new SerializationException("cannot read " + type.getSimpleName() + " from " + topic + ": " + e, e);
        }
    }
}
