package dev.vigil.serde;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A Jackson serde for one record type. {@code null} maps to {@code null} both ways (tombstones); any failure
 * becomes a {@link SerializationException} naming the type. Topics carry text JSON ({@link #JsonSerde(Class)});
 * state stores carry Jackson's binary Smile ({@link #binary}), which also reads text JSON left by earlier versions,
 * but for the two values written on every reading, which have a fixed binary layout ({@link BinarySerde}).
 */
public final class JsonSerde<T> implements Serde<T> {

    private static final byte[] SMILE_HEADER = {':', ')', '\n'};

    private final ObjectMapper mapper;
    private final ObjectMapper textReader;
    private final Class<T> type;

    public JsonSerde(final Class<T> type) {
        this(Json.mapper(), type);
    }

    public JsonSerde(final ObjectMapper mapper, final Class<T> type) {
        this(mapper, mapper, type);
    }

    private JsonSerde(final ObjectMapper mapper, final ObjectMapper textReader, final Class<T> type) {
        this.mapper = mapper;
        this.textReader = textReader;
        this.type = type;
    }

    /** Writes Smile ({@link Json#binaryMapper}); reads Smile, or text JSON when the bytes lack Smile's header. */
    public static <T> JsonSerde<T> binary(final Class<T> type) {
        return new JsonSerde<>(Json.binaryMapper(), Json.mapper(), type);
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, data) -> {
            if (data == null) {
                return null;
            }
            try {
                return mapper.writeValueAsBytes(data);
            } catch (final IOException e) {
                throw new SerializationException("cannot serialise " + type.getSimpleName() + ": " + e.getMessage(), e);
            }
        };
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return readerFor(bytes).readValue(bytes, type);
            } catch (final IOException | RuntimeException e) {
                throw new SerializationException("cannot read " + type.getSimpleName() + " from topic " + topic
                        + ": " + e.getMessage(), e);
            }
        };
    }

    private ObjectMapper readerFor(final byte[] bytes) {
        final boolean smile = bytes.length >= SMILE_HEADER.length && bytes[0] == SMILE_HEADER[0]
                && bytes[1] == SMILE_HEADER[1] && bytes[2] == SMILE_HEADER[2];
        return smile ? mapper : textReader;
    }
}
