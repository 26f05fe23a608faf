package dev.vigil.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.ingest.TelemetryParser;
import dev.vigil.query.DeviceDirectory;
import dev.vigil.query.DeviceFilter;
import dev.vigil.query.DeviceQueryService;
import dev.vigil.query.HistoryStats;
import dev.vigil.query.RawJson;
import dev.vigil.query.RemoteInstances;
import dev.vigil.query.Served;
import dev.vigil.registry.Device;
import dev.vigil.registry.RegistryWriter;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** The {@code /api/devices} routes. Parses and validates the request, calls a service, writes the answer. */
final class DeviceHandler {

    private static final Duration DEFAULT_HISTORY = Duration.ofHours(1);
    private static final int MAX_HISTORY = 10_000;

    private final DeviceQueryService devices;
    private final DeviceDirectory directory;
    private final RegistryWriter registry;
    private final ObjectMapper mapper;

    DeviceHandler(final DeviceQueryService devices, final DeviceDirectory directory, final RegistryWriter registry,
            final ObjectMapper mapper) {
        this.devices = devices;
        this.directory = directory;
        this.registry = registry;
        this.mapper = mapper;
    }

    void get(final Context ctx) {
        final String id = Params.deviceId(ctx);
        respond(ctx, mapper, devices.device(id, forwarded(ctx)), id);
    }

    void history(final Context ctx) {
        final Instant to = Params.instant(ctx, "to", Instant.now());
        final Instant from = Params.instant(ctx, "from", to.minus(DEFAULT_HISTORY));
        final String id = Params.deviceId(ctx);
        respond(ctx, mapper, devices.history(id, ctx.queryParam("metric"), from, to,
                Params.integer(ctx, "limit", MAX_HISTORY, 1, MAX_HISTORY), forwarded(ctx)), id);
    }

    void stats(final Context ctx) {
        final Duration bucket = bucket(ctx.queryParamAsClass("bucket", String.class).getOrDefault("1h"));
        final Instant to = Params.instant(ctx, "to", Instant.now());
        final Instant from = Params.instant(ctx, "from", to.minus(Duration.ofHours(24)));
        final String id = Params.deviceId(ctx);
        respond(ctx, mapper, devices.stats(id, ctx.queryParam("metric"), from, to, bucket, forwarded(ctx)), id);
    }

    void list(final Context ctx) {
        ctx.json(directory.list(filter(ctx)));
    }

    void listLocal(final Context ctx) {
        ctx.json(directory.local(filter(ctx)));
    }

    void put(final Context ctx) {
        final String id = Params.deviceId(ctx);
        final Device device;
        try {
            device = mapper.readValue(ctx.body(), Device.class);
        } catch (final java.io.IOException e) {
            throw new BadRequestResponse("invalid device entry: " + rootMessage(e));
        }
        registry.put(id, device);
        ctx.json(Map.of("deviceId", id, "registry", device));
    }

    /**
     * Writes a served answer with its source headers, or 404 for {@code id}. The JSON goes straight to bytes (an
     * owner's {@link RawJson} as it came) rather than through Javalin's {@code ctx.json}, which makes a String of it
     * first and then encodes that (BENCHMARKS.md, "Query latency", session 20).
     */
    static void respond(final Context ctx, final ObjectMapper mapper, final Optional<? extends Served<?>> served,
            final String id) {
        final Served<?> answer = served.orElseThrow(() -> new NotFoundResponse("no device '" + id + "'"));
        ctx.header(Served.SOURCE_HEADER, answer.source())
                .header(Served.SERVED_BY_HEADER, answer.servedBy())
                .header(Served.LAG_HEADER, String.valueOf(answer.lag()))
                .contentType(ContentType.APPLICATION_JSON)
                .result(answer.body() instanceof RawJson raw ? raw.utf8() : bytes(mapper, answer.body()));
    }

    private static byte[] bytes(final ObjectMapper mapper, final Object body) {
        try {
            return mapper.writeValueAsBytes(body);
        } catch (final JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DeviceFilter filter(final Context ctx) {
        final int limit = Params.integer(ctx, "limit", 100, 1, DeviceFilter.MAX_LIMIT);
        final String cursor = ctx.queryParam("cursor");
        final String anomalous = ctx.queryParam("anomalous");
        if (anomalous != null && !anomalous.equals("true") && !anomalous.equals("false")) {
            throw new BadRequestResponse("anomalous must be true or false");
        }
        return new DeviceFilter(limit, cursor == null || cursor.isEmpty() ? null : cursor, ctx.queryParam("type"),
                "true".equals(anomalous));
    }

    private static boolean forwarded(final Context ctx) {
        return ctx.header(RemoteInstances.FORWARDED_HEADER) != null;
    }

    private static Duration bucket(final String text) {
        try {
            return HistoryStats.bucketSize(text);
        } catch (final IllegalArgumentException e) {
            throw new BadRequestResponse(e.getMessage());
        }
    }

    private static String rootMessage(final Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return Params.firstLine(t.getMessage());
    }
}
