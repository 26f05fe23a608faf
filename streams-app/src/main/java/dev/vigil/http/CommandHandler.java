package dev.vigil.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.command.CommandRequest;
import dev.vigil.command.CommandService;
import dev.vigil.command.CommandStatus;
import dev.vigil.query.DeviceQueryService;
import dev.vigil.query.RemoteInstances;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.time.Instant;

/** {@code POST} and {@code GET /api/devices/{id}/commands}. */
final class CommandHandler {

    private final CommandService commands;
    private final DeviceQueryService devices;
    private final ObjectMapper mapper;

    CommandHandler(final CommandService commands, final DeviceQueryService devices, final ObjectMapper mapper) {
        this.commands = commands;
        this.devices = devices;
        this.mapper = mapper;
    }

    void post(final Context ctx) {
        final String id = Params.deviceId(ctx);
        final CommandRequest request;
        try {
            request = mapper.readValue(ctx.bodyAsBytes(), CommandRequest.class);
        } catch (final IOException e) {
            throw new BadRequestResponse("the body must be {\"name\": ..., \"args\": {...}}: "
                    + Params.firstLine(e.getMessage()));
        }
        final CommandStatus sent = commands.issue(id, request).orElseThrow(() -> new NotFoundResponse(
                "no device '" + id + "' in the registry (register it with PUT /api/devices/" + id + ")"));
        ctx.status(202).header("Location", "/api/devices/" + id + "/commands").json(sent);
    }

    void list(final Context ctx) {
        final String id = Params.deviceId(ctx);
        DeviceHandler.respond(ctx, mapper, devices.commands(id, Instant.now(),
                ctx.header(RemoteInstances.FORWARDED_HEADER) != null), id);
    }
}
