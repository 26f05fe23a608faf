package dev.vigil.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Reads a Server-Sent Events stream into a queue of events, on the HTTP client's own threads. */
public final class SseTestClient implements AutoCloseable {

    /** One SSE event (comments are counted separately). */
    public record Event(String id, String event, String data) {
    }

    private final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;
    private volatile int comments;

    public SseTestClient(final String url, final String lastEventId) {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        this.response = HttpClient.newHttpClient().sendAsync(request.GET().build(), HttpResponse.BodyHandlers.ofLines());
        // the reader blocks for the stream's whole life: give it its own thread (a plain thenAccept may run it on
        // whichever thread calls get(), e.g. the test's)
        response.thenAcceptAsync(r -> {
            final List<String> block = new ArrayList<>();
            r.body().forEach(line -> {
                if (line.startsWith(":")) {
                    comments++;
                    return;
                }
                if (!line.isEmpty()) {
                    block.add(line);
                    return;
                }
                String id = null;
                String event = null;
                final StringBuilder data = new StringBuilder();
                for (final String l : block) {
                    if (l.startsWith("id:")) {
                        id = l.substring(3).trim();
                    } else if (l.startsWith("event:")) {
                        event = l.substring(6).trim();
                    } else if (l.startsWith("data:")) {
                        data.append(l.substring(5).trim());
                    }
                }
                if (event != null || data.length() > 0) {
                    events.add(new Event(id, event, data.toString()));
                }
                block.clear();
            });
        }, command -> {
            final Thread reader = new Thread(command, "sse-test-reader");
            reader.setDaemon(true);
            reader.start();
        });
    }

    public int status(final Duration timeout) throws Exception {
        return response.get(timeout.toMillis(), TimeUnit.MILLISECONDS).statusCode();
    }

    /** The next event, or null after the timeout. */
    public Event next(final Duration timeout) throws InterruptedException {
        return events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Events until {@code count} were read or the timeout passed. */
    public List<Event> take(final int count, final Duration timeout) throws InterruptedException {
        final List<Event> out = new ArrayList<>();
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (out.size() < count && System.nanoTime() < deadline) {
            final Event e = events.poll(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
            if (e != null) {
                out.add(e);
            }
        }
        return out;
    }

    public int comments() {
        return comments;
    }

    @Override
    public void close() {
        response.cancel(true);
        response.thenAccept(r -> r.body().close());
    }
}
