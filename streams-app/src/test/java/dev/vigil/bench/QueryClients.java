package dev.vigil.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.client.BufferingResponseListener;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Result;

/**
 * Concurrent HTTP clients that each GET random paths on their own schedule, without a thread per client: Jetty's
 * asynchronous client sends, and one scheduler thread wakes a client whose next request is not due yet. A client
 * has at most one request outstanding; with a rate it sends each request at its scheduled time, or as soon as its
 * previous answer came if that was later, and the latency counts from the scheduled time (so a slow answer also
 * delays what was due behind it); flat out (rate 0) it sends when its last answer came. At 3,000 requests/s the
 * thread-per-client generator this replaced cost 150-185 µs of CPU per request (its threads and the JDK client's
 * selector), this one 105-127 µs, on the same two cores as the instances measured (BENCHMARKS.md, "Query latency",
 * session 19).
 */
final class QueryClients implements AutoCloseable {

    private final HttpClient http;
    private final ScheduledExecutorService scheduler;

    QueryClients(final HttpClient http, final ScheduledExecutorService scheduler) {
        this.http = http;
        this.scheduler = scheduler;
    }

    /** A started Jetty client that keeps a connection per client, and a scheduler thread; {@link #close} stops both. */
    static QueryClients start(final int clients) throws Exception {
        final HttpClient http = new HttpClient();
        http.setMaxConnectionsPerDestination(clients);
        http.getContentDecoderFactories().clear(); // like the clients before session 19: no gzip asked for
        http.start();
        return new QueryClients(http, Executors.newSingleThreadScheduledExecutor(r -> {
            final Thread t = new Thread(r, "query-clients-scheduler");
            t.setDaemon(true);
            return t;
        }));
    }

    HttpClient http() {
        return http;
    }

    /**
     * {@code clients} clients GET {@code base} + a random one of {@code paths} for {@code seconds}: the latency in ns
     * of every 200 answer, and how many answers were not 200 (or failed).
     */
    Outcome run(final String base, final List<String> paths, final int clients, final int seconds, final int rate)
            throws InterruptedException {
        final long interval = rate == 0 ? 0 : (long) (clients * 1e9 / rate);
        final long end = System.nanoTime() + seconds * 1_000_000_000L;
        final CountDownLatch done = new CountDownLatch(clients);
        final AtomicInteger errors = new AtomicInteger();
        final Client[] all = new Client[clients];
        for (int c = 0; c < clients; c++) {
            final Random random = new Random(c);
            all[c] = new Client(base, paths, random, interval, end, done, errors);
            all[c].due(System.nanoTime() + (interval == 0 ? 0 : random.nextLong(interval)));
        }
        if (!done.await(seconds + 60L, TimeUnit.SECONDS)) {
            throw new IllegalStateException("clients still waiting for answers 60 s after the end");
        }
        final long[] latencies = Arrays.stream(all).flatMapToLong(c -> Arrays.stream(c.latencies())).sorted().toArray();
        return new Outcome(latencies, errors.get());
    }

    @Override
    public void close() throws Exception {
        scheduler.shutdownNow();
        http.stop();
    }

    /** Every 200 answer's latency (ns, sorted) and the count of other answers. */
    record Outcome(long[] latencies, int errors) {
    }

    /** One client: its next request and what it measured. Only one of its requests is ever under way. */
    private final class Client {
        private final String base;
        private final List<String> paths;
        private final Random random;
        private final long interval;
        private final long end;
        private final CountDownLatch done;
        private final AtomicInteger errors;
        private long[] samples = new long[1024];
        private int count;

        Client(final String base, final List<String> paths, final Random random, final long interval, final long end,
                final CountDownLatch done, final AtomicInteger errors) {
            this.base = base;
            this.paths = paths;
            this.random = random;
            this.interval = interval;
            this.end = end;
            this.done = done;
            this.errors = errors;
        }

        /** Sends the next request at {@code scheduled} (ns, nanoTime), or ends when that is past the end. */
        void due(final long scheduled) {
            final long wait = scheduled - System.nanoTime();
            if (scheduled >= end) {
                done.countDown();
            } else if (wait > 0) {
                scheduler.schedule(() -> send(scheduled), wait, TimeUnit.NANOSECONDS);
            } else {
                send(scheduled);
            }
        }

        private void send(final long scheduled) {
            final long from = interval > 0 ? scheduled : System.nanoTime();
            final String path = paths.get(random.nextInt(paths.size()));
            http.newRequest(base + path).send(new BufferingResponseListener() {
                @Override
                public void onComplete(final Result result) {
                    record(result, System.nanoTime() - from);
                    due(interval > 0 ? scheduled + interval : System.nanoTime());
                }
            });
        }

        private void record(final Result result, final long latency) {
            if (result.isFailed() || result.getResponse().getStatus() != 200) {
                errors.incrementAndGet();
                return;
            }
            if (count == samples.length) {
                samples = Arrays.copyOf(samples, count * 2);
            }
            samples[count++] = latency;
        }

        long[] latencies() {
            return Arrays.copyOf(samples, count);
        }
    }
}
