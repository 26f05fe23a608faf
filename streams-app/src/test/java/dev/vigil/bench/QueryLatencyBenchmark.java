package dev.vigil.bench;

import dev.vigil.app.VigilApp;
import dev.vigil.config.VigilConfig;
import dev.vigil.query.Served;
import dev.vigil.topology.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;

/**
 * {@code GET /api/devices/{id}} latency under concurrent clients, on the instance that owns the device and
 * forwarded from the other one. Two Vigil instances, a local broker and the clients share this JVM (and the
 * machine's 2 cores), so the figures include the clients' own cost (smaller since session 19: clients that need no
 * thread each, {@link QueryClients}). RATE 0 runs the clients flat out (each
 * sends its next request when the last one returns: the latency is then mostly queueing, clients / throughput);
 * a RATE spreads that many requests per second over the clients on a fixed schedule, and each latency is
 * measured from the request's scheduled time (so a slow answer also delays what was due behind it). One
 * warm-up round of each is discarded. It reports; it asserts nothing.
 *
 * <pre>mvn -q -pl streams-app exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.vigil.bench.QueryLatencyBenchmark \
 *     -Dexec.args="CLIENTS SECONDS RUNS DEVICES RATE"      (defaults: 100 15 3 10000 0)</pre>
 */
public final class QueryLatencyBenchmark {

    private QueryLatencyBenchmark() {
    }

    public static void main(final String[] args) throws Exception {
        final int clients = BenchRig.intArg(args, 0, 100);
        final int seconds = BenchRig.intArg(args, 1, 15);
        final int runs = BenchRig.intArg(args, 2, 3);
        final int devices = BenchRig.intArg(args, 3, 10_000);
        final int rate = BenchRig.intArg(args, 4, 0);
        try (BenchRig rig = BenchRig.start("vigil-query-bench-")) {
            final VigilApp a = start(rig, "a");
            final VigilApp b = start(rig, "b");
            try (QueryClients clientsOf = QueryClients.start(clients)) {
                produce(rig.bootstrap(), devices);
                final String base = "http://127.0.0.1:" + a.httpPort();
                final List<String> local = new ArrayList<>();
                final List<String> remote = new ArrayList<>();
                classify(clientsOf.http(), base, devices, "127.0.0.1:" + a.httpPort(), local, remote);
                System.out.printf(Locale.ROOT, "%,d devices: %,d owned by the queried instance, %,d by the other%n",
                        devices, local.size(), remote.size());
                load(clientsOf, base, local, clients, seconds, rate);
                load(clientsOf, base, remote, clients, seconds, rate);
                final List<double[]> results = new ArrayList<>();
                for (int run = 1; run <= runs; run++) {
                    final double[] owner = load(clientsOf, base, local, clients, seconds, rate);
                    final double[] forwarded = load(clientsOf, base, remote, clients, seconds, rate);
                    System.out.printf(Locale.ROOT, "run %d, %d clients, rate %s: owner p50 %.2f ms p99 %.2f ms (%,.0f req/s, "
                            + "%.0f µs CPU/req); forwarded p50 %.2f ms p99 %.2f ms (%,.0f req/s, %.0f µs CPU/req)%n", run,
                            clients, rate == 0 ? "max" : rate + "/s", owner[0], owner[1], owner[2], owner[3], forwarded[0],
                            forwarded[1], forwarded[2], forwarded[3]);
                    results.add(new double[] {owner[0], owner[1], owner[2], owner[3], forwarded[0], forwarded[1],
                        forwarded[2], forwarded[3]});
                }
                final double[] med = Stats.medianPerColumn(results);
                System.out.printf(Locale.ROOT, "median of %d: owner p50 %.2f ms p99 %.2f ms (%,.0f req/s, %.0f µs CPU/req); "
                        + "forwarded p50 %.2f ms p99 %.2f ms (%,.0f req/s, %.0f µs CPU/req)%n", runs, med[0], med[1], med[2],
                        med[3], med[4], med[5], med[6], med[7]);
            } finally {
                a.close();
                b.close();
            }
        }
        System.exit(0);
    }

    private static VigilApp start(final BenchRig rig, final String name) {
        return rig.app(Map.of(VigilConfig.APPLICATION_ID, "vigil-query-bench",
                VigilConfig.STATE_DIR, rig.dir().resolve("state-" + name).toString(),
                "kafka.commit.interval.ms", "100"));
    }

    private static void produce(final String bootstrap, final int devices) throws Exception {
        final Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        final Instant t0 = Instant.now().minusSeconds(600);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            for (int round = 0; round < 20; round++) {
                for (int d = 0; d < devices; d++) {
                    final String id = "dev-" + d;
                    final String json = "{\"deviceId\":\"" + id + "\",\"timestamp\":" + t0.plusSeconds(round).toEpochMilli()
                            + ",\"readings\":{\"temperature\":" + (20 + (d % 7) * 0.1 + round * 0.01) + "}}";
                    producer.send(new ProducerRecord<>(Topics.TELEMETRY, id, json.getBytes(StandardCharsets.UTF_8)));
                }
            }
        }
    }

    /** Waits until every device answers 200, and sorts them by the instance that served them. */
    private static void classify(final HttpClient http, final String base, final int devices, final String self,
            final List<String> local, final List<String> remote) throws Exception {
        final Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        for (int d = 0; d < devices; d++) {
            final String id = "dev-" + d;
            while (true) {
                final ContentResponse r = http.GET(base + "/api/devices/" + id);
                if (r.getStatus() == 200 && r.getContentAsString().contains("\"messages\":20")) {
                    (self.equals(r.getHeaders().get(Served.SERVED_BY_HEADER)) ? local : remote).add(id);
                    break;
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException(id + " not ready: " + r.getStatus() + " " + r.getContentAsString());
                }
                Thread.sleep(100);
            }
        }
    }

    /**
     * {@code clients} clients ({@link QueryClients}) GET random devices of {@code ids} for {@code seconds}: p50 ms,
     * p99 ms, requests/s, and the whole JVM's CPU µs per answered request (clients, both instances and the broker).
     * Also prints the busiest threads' CPU per request.
     */
    private static double[] load(final QueryClients clients, final String base, final List<String> ids,
            final int count, final int seconds, final int rate) throws Exception {
        final List<String> paths = ids.stream().map(id -> "/api/devices/" + id).toList();
        final long cpuStart = ThreadTicks.processCpuNanos();
        final Map<String, Long> ticksStart = ThreadTicks.byName();
        final HeapTally heapStart = HeapTally.now();
        final QueryClients.Outcome outcome = clients.run(base, paths, count, seconds, rate);
        final long[] sorted = outcome.latencies();
        final double cpuMicros = (ThreadTicks.processCpuNanos() - cpuStart) / 1e3;
        if (outcome.errors() > 0) {
            System.out.println("  non-200 answers: " + outcome.errors());
        }
        System.out.printf(Locale.ROOT, "  CPU µs per request by thread: %s%n", ThreadTicks.since(ticksStart, sorted.length));
        System.out.printf(Locale.ROOT, "  heap: %s%n", heapStart.untilNow(sorted.length, "request"));
        return new double[] {Stats.quantileMs(sorted, 0.5), Stats.quantileMs(sorted, 0.99),
            sorted.length / (double) seconds, cpuMicros / sorted.length};
    }
}
