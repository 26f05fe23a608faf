package dev.vigil.query;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.util.RawValue;
import java.nio.charset.StandardCharsets;

/**
 * JSON text passed on as it came (an owner's answer to a forwarded request), never parsed into objects. The HTTP
 * layer writes the bytes as they are; Jackson, should it meet one, writes the text unchanged. It is only carried,
 * never compared (a record's equality on an array is the array's identity).
 */
public record RawJson(byte[] utf8) {

    @JsonValue
    RawValue asRawValue() {
        return new RawValue(new String(utf8, StandardCharsets.UTF_8));
    }
}
