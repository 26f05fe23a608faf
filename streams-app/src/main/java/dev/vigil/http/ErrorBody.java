package dev.vigil.http;

/** Every error response: {@code {"error": "...", "detail": ...}}. */
public record ErrorBody(String error, Object detail) {
}
