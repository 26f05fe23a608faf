package dev.vigil.serde;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.smile.databind.SmileMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The one Jackson configuration of Vigil: ISO-8601 instants, unknown properties tolerated, NaN readable. */
public final class Json {

    private Json() {
    }

    /**
     * A new mapper. Non-numeric numbers (NaN, Infinity) are accepted on input so that the parser can reject
     * them with a precise reason rather than a generic syntax error. Doubles are written and read with Jackson's
     * fast (Schubfach / FastDoubleParser) code: a device's state is a few dozen doubles, and the JDK's
     * {@code Double.toString}/{@code parseDouble} were 14% of a stream thread's samples (BENCHMARKS.md).
     */
    public static ObjectMapper mapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
                .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
                .build();
    }

    /**
     * The mapper of Vigil's state stores and their changelogs (but the device state's and the history's, which have
     * a fixed layout, {@link BinarySerde}): Smile, Jackson's binary JSON (same data model, same records, no text to
     * format or parse), instants as numbers. Writing a device's state took 4.7 µs as JSON and
     * 1.8 µs this way, reading it 7.4 µs and 2.7 µs (BENCHMARKS.md); the JSON was 27% of a stream thread's samples.
     * Every Smile document starts with the header {@code :)\n}, which {@link JsonSerde} uses to keep reading stores
     * written as text JSON by earlier versions.
     */
    public static ObjectMapper binaryMapper() {
        return SmileMapper.builder()
                .addModule(new JavaTimeModule())
                .enable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }
}
