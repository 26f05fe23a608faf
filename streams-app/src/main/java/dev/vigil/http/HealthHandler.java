package dev.vigil.http;

import io.javalin.http.Context;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/** {@code GET /health}: 200 while Kafka Streams is RUNNING, 503 otherwise; the body names the state. */
final class HealthHandler {

    private final Supplier<KafkaStreams.State> state;

    HealthHandler(final Supplier<KafkaStreams.State> state) {
        this.state = state;
    }

    void get(final Context ctx) {
        final KafkaStreams.State current = state.get();
        final boolean up = current == KafkaStreams.State.RUNNING;
        ctx.status(up ? 200 : 503).json(Map.of("status", up ? "UP" : "DOWN", "streams", current.name()));
    }
}
