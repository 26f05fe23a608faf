package dev.vigil.feed;

import dev.vigil.query.ServiceUnavailableException;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code GET /api/anomalies/stream}: every anomaly of the fleet as Server-Sent Events ({@code event: anomaly},
 * {@code id}: a {@link FeedPosition}, {@code data}: the anomaly JSON). {@code Last-Event-ID} (header, or the
 * {@code lastEventId} query parameter) resumes after that event; {@code ?deviceId=} filters; a comment is sent
 * every {@code sse.keepalive.ms}. Past {@code sse.max.clients} new clients get 503. Each client has a bounded
 * queue and its own sender, so a slow client cannot stall the others; one that falls 1,000 events behind is
 * disconnected and can resume with its last event id.
 */
public final class AnomalyStreamHandler {

    public static final String LAST_EVENT_ID = "Last-Event-ID";
    private static final int QUEUE = 1000;

    private final AnomalyFeed feed;
    private final int maxClients;
    private final Duration keepAlive;
    private final ExecutorService senders;
    private final AtomicInteger clients = new AtomicInteger();

    public AnomalyStreamHandler(final AnomalyFeed feed, final int maxClients,
            final Duration keepAlive, final ExecutorService senders) {
        this.feed = feed;
        this.maxClients = maxClients;
        this.keepAlive = keepAlive;
        this.senders = senders;
    }

    /**
     * Runs before the stream opens: 406 unless the client accepts text/event-stream (Javalin would otherwise
     * answer an empty 200), 400 for an unusable Last-Event-ID, 503 when full; and it turns
     * compression off (a browser asks for gzip, and compressed events would wait in the compressor's buffer).
     */
    public void admit(final Context ctx) {
        final String accept = ctx.header("Accept");
        if (accept == null || !accept.contains("text/event-stream")) {
            throw new io.javalin.http.HttpResponseException(406,
                    "this route is an event stream: send Accept: text/event-stream (as EventSource does)");
        }
        ctx.disableCompression();
        try {
            feed.checkEventId(lastEventId(ctx));
        } catch (final IllegalArgumentException e) {
            throw new BadRequestResponse(e.getMessage());
        }
        if (clients.get() >= maxClients) {
            throw new ServiceUnavailableException("this instance already serves " + maxClients
                    + " event-stream clients (sse.max.clients)", 5);
        }
    }

    public void stream(final SseClient client) {
        client.keepAlive();
        clients.incrementAndGet();
        final String deviceId = client.ctx().queryParam("deviceId");
        final BlockingQueue<FeedEvent> queue = new ArrayBlockingQueue<>(QUEUE);
        final AtomicBoolean overflow = new AtomicBoolean();
        final AnomalyFeed.Subscription subscription = feed.subscribe(lastEventId(client.ctx()),
                a -> deviceId == null || deviceId.equals(a.deviceId()),
                event -> {
                    if (!queue.offer(event)) {
                        overflow.set(true);
                    }
                });
        client.onClose(() -> {
            subscription.close();
            clients.decrementAndGet();
        });
        senders.submit(() -> send(client, queue, overflow));
    }

    private void send(final SseClient client, final BlockingQueue<FeedEvent> queue, final AtomicBoolean overflow) {
        try {
            client.sendComment("connected");
            while (!client.terminated() && !overflow.get()) {
                final FeedEvent event = queue.poll(keepAlive.toMillis(), TimeUnit.MILLISECONDS);
                if (event == null) {
                    client.sendComment("keep-alive");
                } else {
                    client.sendEvent("anomaly", event.json(), event.id());
                }
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            client.close();
        }
    }

    private static String lastEventId(final Context ctx) {
        final String header = ctx.header(LAST_EVENT_ID);
        return header != null ? header : ctx.queryParam("lastEventId");
    }

}
