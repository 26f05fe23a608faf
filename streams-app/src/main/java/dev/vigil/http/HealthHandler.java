package dev.vigil.http;

import io.javalin.http.Context;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * {@code GET /health}: 200 while Kafka Streams is RUNNING or REBALANCING (alive), 503 before it first runs and
 * when it is shutting down or failed. {@code GET /ready}: 200 only while RUNNING, i.e. every task this
 * instance owns is restored and its stores can answer. Both bodies name the state.
 */
final class HealthHandler {

    private static final Set<KafkaStreams.State> ALIVE = Set.of(KafkaStreams.State.RUNNING, KafkaStreams.State.REBALANCING);

    private final Supplier<KafkaStreams.State> state;
    private volatile boolean hasRun;

    HealthHandler(final Supplier<KafkaStreams.State> state) {
        this.state = state;
    }

    void health(final Context ctx) {
        final KafkaStreams.State current = state.get();
        hasRun |= current == KafkaStreams.State.RUNNING;
        answer(ctx, hasRun && ALIVE.contains(current), current);
    }

    void ready(final Context ctx) {
        final KafkaStreams.State current = state.get();
        hasRun |= current == KafkaStreams.State.RUNNING;
        answer(ctx, current == KafkaStreams.State.RUNNING, current);
    }

    private static void answer(final Context ctx, final boolean ok, final KafkaStreams.State current) {
        ctx.status(ok ? 200 : 503).json(Map.of("status", ok ? "UP" : "DOWN", "streams", current.name()));
    }
}
