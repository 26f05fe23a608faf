package dev.vigil.http;

import dev.vigil.ingest.TelemetryParser;
import dev.vigil.query.DeviceQueryService;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;

/** {@code GET /api/devices/{id}}. */
final class DeviceHandler {

    private final DeviceQueryService devices;

    DeviceHandler(final DeviceQueryService devices) {
        this.devices = devices;
    }

    void get(final Context ctx) {
        final String id = ctx.pathParam("id");
        if (!TelemetryParser.DEVICE_ID_PATTERN.matcher(id).matches()) {
            throw new BadRequestResponse("device id must match " + TelemetryParser.DEVICE_ID_PATTERN.pattern());
        }
        final boolean forwarded = ctx.header(DeviceQueryService.FORWARDED_HEADER) != null;
        ctx.json(devices.device(id, forwarded).orElseThrow(() -> new NotFoundResponse("no device '" + id + "'")));
    }
}
