package dev.vigil.http;

import dev.vigil.ingest.TelemetryParser;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Query parameters with a default, refused with 400 and a plain reason when malformed. */
final class Params {

    private Params() {
    }

    static Instant instant(final Context ctx, final String name, final Instant fallback) {
        final String value = ctx.queryParam(name);
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            return Instant.parse(value);
        } catch (final DateTimeParseException e) {
            throw new BadRequestResponse(name + " must be an ISO-8601 instant such as 2026-11-22T10:00:00Z");
        }
    }

    static int integer(final Context ctx, final String name, final int fallback, final int min, final int max) {
        final String value = ctx.queryParam(name);
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            final int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (final NumberFormatException e) {
            // answered below
        }
        throw new BadRequestResponse(name + " must be a whole number from " + min + " to " + max);
    }

    /** The {@code id} path parameter, checked against the device id pattern. */
    static String deviceId(final Context ctx) {
        final String id = ctx.pathParam("id");
        if (!TelemetryParser.DEVICE_ID_PATTERN.matcher(id).matches()) {
            throw new BadRequestResponse("device id must match " + TelemetryParser.DEVICE_ID_PATTERN.pattern());
        }
        return id;
    }

    /** The first line of a message (Jackson's go on with the source location). */
    static String firstLine(final String message) {
        final String m = String.valueOf(message);
        final int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
