package dev.vigil.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.ingest.TelemetryParser;
import dev.vigil.query.DeviceDirectory;
import dev.vigil.query.DeviceFilter;
import dev.vigil.query.DeviceQueryService;
import dev.vigil.query.HistoryStats;
import dev.vigil.query.RemoteInstances;
import dev.vigil.query.Served;
import dev.vigil.registry.Device;
import dev.vigil.registry.RegistryWriter;
import dev.vigil.scoring.ScoreRecord;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
        respond(ctx, devices.device(Params.deviceId(ctx), forwarded(ctx)), Params.deviceId(ctx));
    }

    void history(final Context ctx) {
        final Instant to = Params.instant(ctx, "to", Instant.now());
        final Instant from = Params.instant(ctx, "from", to.minus(DEFAULT_HISTORY));
        respond(ctx, devices.history(Params.deviceId(ctx), ctx.queryParam("metric"), from, to,
                Params.integer(ctx, "limit", MAX_HISTORY, 1, MAX_HISTORY), forwarded(ctx)), Params.deviceId(ctx));
    }

    void stats(final Context ctx) {
        final Duration bucket = bucket(ctx.queryParamAsClass("bucket", String.class).getOrDefault("1h"));
        final Instant to = Params.instant(ctx, "to", Instant.now());
        final Instant from = Params.instant(ctx, "from", to.minus(Duration.ofHours(24)));
        final Optional<Served<List<ScoreRecord>>> history = devices.history(Params.deviceId(ctx), ctx.queryParam("metric"),
                from, to, Integer.MAX_VALUE, forwarded(ctx));
        respond(ctx, history.map(h -> new Served<>(HistoryStats.buckets(h.body(), bucket), h.source(), h.servedBy(),
                h.lag())), Params.deviceId(ctx));
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

    /** Writes a served answer with its source headers, or 404 for {@code id}. */
    static void respond(final Context ctx, final Optional<? extends Served<?>> served, final String id) {
        final Served<?> answer = served.orElseThrow(() -> new NotFoundResponse("no device '" + id + "'"));
        ctx.header(Served.SOURCE_HEADER, answer.source())
                .header(Served.SERVED_BY_HEADER, answer.servedBy())
                .header(Served.LAG_HEADER, String.valueOf(answer.lag()))
                .json(answer.body());
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



    /** "30s", "15m", "1h", "1d". */
    static Duration bucket(final String text) {
        final java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,6})([smhd])").matcher(text);
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new BadRequestResponse("bucket must look like 30s, 15m, 1h or 1d");
        }
        final long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    private static String rootMessage(final Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return Params.firstLine(t.getMessage());
    }
}
