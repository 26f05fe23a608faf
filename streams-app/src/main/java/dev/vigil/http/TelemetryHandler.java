package dev.vigil.http;

import dev.vigil.ingest.TelemetryGateway;
import io.javalin.http.Context;
import java.util.Map;

/** {@code POST /api/telemetry}: 202 {"accepted": n} once Kafka acknowledged, or 400 with the per-item errors. */
final class TelemetryHandler {

    private final TelemetryGateway gateway;

    TelemetryHandler(final TelemetryGateway gateway) {
        this.gateway = gateway;
    }

    void post(final Context ctx) {
        final TelemetryGateway.Result result = gateway.accept(ctx.bodyAsBytes());
        if (result.ok()) {
            ctx.status(202).json(Map.of("accepted", result.accepted()));
        } else {
            ctx.status(400).json(new ErrorBody("invalid telemetry; nothing was written", result.errors()));
        }
    }
}
