package dev.vigil.http;

import dev.vigil.query.HistoryOffException;
import dev.vigil.query.ServiceUnavailableException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds Vigil's HTTP server from its services; the caller starts and stops it. Every route is declared here. */
public final class HttpApp {

    private static final Logger LOG = LoggerFactory.getLogger(HttpApp.class);
    private static final String STARTED = "vigil.started";
    /**
     * The buffer Javalin allocates for every answer to copy its body into the response (Javalin's default is Jetty's
     * output buffer size, 32 KB: a new 32 KB array per request, 21% of all the bytes allocated in the query benchmark,
     * BENCHMARKS.md, "Query latency", session 20). Larger bodies take several copies into Jetty's own buffer.
     */
    private static final int RESPONSE_COPY_BUFFER = 4096;

    private HttpApp() {
    }

    public static Javalin create(final HttpServices s) {
        final HealthHandler health = new HealthHandler(s.streamsState());
        final DeviceHandler devices = new DeviceHandler(s.devices(), s.directory(), s.registry(), s.mapper());
        final AnomalyHandler anomalies = new AnomalyHandler(s.feed());
        final TelemetryHandler telemetry = new TelemetryHandler(s.telemetry());
        final CommandHandler commands = new CommandHandler(s.commands(), s.devices(), s.mapper());
        final Meter.MeterProvider<Timer> requests = Timer.builder("http.server.requests").withRegistry(s.metrics());
        return Javalin.create(config -> {
            config.jsonMapper(new JavalinJackson(s.mapper(), false));
            config.startup.showJavalinBanner = false;
            config.http.responseBufferSize = RESPONSE_COPY_BUFFER;
            config.staticFiles.add("/public", Location.CLASSPATH);
            config.staticFiles.enableWebjars();

            config.routes.before(ctx -> ctx.attribute(STARTED, System.nanoTime()));
            config.routes.after(ctx -> recordRequest(requests, ctx));

            config.routes.get("/health", health::health);
            config.routes.get("/ready", health::ready);
            config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                    .result(s.metrics().scrape()));

            config.routes.get("/api/devices", devices::list);
            config.routes.get("/api/devices/{id}", devices::get);
            config.routes.put("/api/devices/{id}", devices::put);
            config.routes.get("/api/devices/{id}/history", devices::history);
            config.routes.get("/api/devices/{id}/stats", devices::stats);
            config.routes.post("/api/devices/{id}/commands", commands::post);
            config.routes.get("/api/devices/{id}/commands", commands::list);
            config.routes.get("/internal/devices", devices::listLocal);

            config.routes.post("/api/telemetry", telemetry::post);
            config.routes.get("/api/anomalies", anomalies::list);
            config.routes.before("/api/anomalies/stream", s.stream()::admit);
            config.routes.sse("/api/anomalies/stream", s.stream()::stream);

            config.routes.exception(ServiceUnavailableException.class, (e, ctx) -> ctx.status(503)
                    .header("Retry-After", String.valueOf(e.retryAfterSeconds()))
                    .json(new ErrorBody("unavailable", e.getMessage())));
            config.routes.exception(HistoryOffException.class, (e, ctx) -> ctx.status(404)
                    .json(new ErrorBody("no history", e.getMessage())));
            // a store can stop being queryable between getting it and reading it (a rebalance began)
            config.routes.exception(InvalidStateStoreException.class, (e, ctx) -> ctx.status(503)
                    .header("Retry-After", "1").json(new ErrorBody("unavailable", e.getMessage())));
            config.routes.exception(HttpResponseException.class, (e, ctx) -> ctx.status(e.getStatus())
                    .json(new ErrorBody(e.getMessage(), e.getDetails().isEmpty() ? null : e.getDetails())));
            config.routes.exception(IllegalArgumentException.class, (e, ctx) -> ctx.status(400)
                    .json(new ErrorBody("bad request", e.getMessage())));
            config.routes.exception(Exception.class, HttpApp::internalError);
            config.routes.error(404, ctx -> {
                if (ctx.result() == null || ctx.result().isEmpty()) {
                    ctx.json(new ErrorBody("not found", ctx.path()));
                }
            });
        });
    }

    private static void internalError(final Exception e, final Context ctx) {
        try {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            ctx.status(500).json(new ErrorBody("internal error", null));
        } catch (final RuntimeException recycled) {
            // an event stream that ended: its request is gone, there is nobody to answer
            LOG.debug("error after the response was completed", e);
        }
    }

    private static void recordRequest(final Meter.MeterProvider<Timer> requests, final Context ctx) {
        final Long started = ctx.attribute(STARTED);
        if (started == null) {
            return;
        }
        final io.javalin.router.Endpoint matched = ctx.endpoints().matchedHttpEndpoint();
        final String route = matched == null ? "unmatched" : matched.path;
        requests.withTags("method", ctx.method().name(), "route", route, "status", String.valueOf(ctx.statusCode()))
                .record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
    }
}
