package dev.vigil.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.query.DeviceQueryService;
import dev.vigil.query.ServiceUnavailableException;
import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds Vigil's HTTP server from its dependencies; the caller starts and stops it. */
public final class HttpApp {

    private static final Logger LOG = LoggerFactory.getLogger(HttpApp.class);

    private HttpApp() {
    }

    public static Javalin create(final Supplier<KafkaStreams.State> streamsState, final DeviceQueryService devices,
            final ObjectMapper mapper) {
        final HealthHandler health = new HealthHandler(streamsState);
        final DeviceHandler device = new DeviceHandler(devices);
        return Javalin.create(config -> {
            config.jsonMapper(new JavalinJackson(mapper, false));
            config.startup.showJavalinBanner = false;
            config.routes.get("/health", health::get);
            config.routes.get("/api/devices/{id}", device::get);
            config.routes.exception(ServiceUnavailableException.class, (e, ctx) -> ctx.status(503)
                    .header("Retry-After", String.valueOf(e.retryAfterSeconds()))
                    .json(new ErrorBody("unavailable", e.getMessage())));
            config.routes.exception(HttpResponseException.class, (e, ctx) -> ctx.status(e.getStatus())
                    .json(new ErrorBody(e.getMessage(), e.getDetails().isEmpty() ? null : e.getDetails())));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                ctx.status(500).json(new ErrorBody("internal error", null));
            });
            config.routes.error(404, ctx -> {
                if (ctx.result() == null || ctx.result().isEmpty()) {
                    ctx.json(new ErrorBody("not found", ctx.path()));
                }
            });
        });
    }
}
