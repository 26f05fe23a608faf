package dev.vigil.bench;

import dev.vigil.app.VigilApp;
import dev.vigil.config.VigilConfig;
import dev.vigil.query.Served;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fail-over time, with or without standby replicas: two instances (local broker, same JVM) process DEVICES devices ×
 * READINGS readings; then instance A stops cleanly (it leaves the group) and the time is measured until instance B
 * answers {@code GET /api/devices/{id}} from its own active store ({@code X-Vigil-Source: active}, served by B) for
 * every one of up to 200 devices A owned. Answers B gives from a standby in the meantime are counted. It reports; it
 * asserts nothing.
 *
 * <pre>mvn -q -pl streams-app exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.vigil.bench.FailoverBenchmark \
 *     -Dexec.args="DEVICES READINGS [SETTING=VALUE ...]"      (defaults: 100000 20; e.g. kafka.num.standby.replicas=1)</pre>
 */
public final class FailoverBenchmark {

    private static final String APP = "vigil-failover-bench";
    private static final int SAMPLE = 200;

    private FailoverBenchmark() {
    }

    public static void main(final String[] args) throws Exception {
        final int devices = BenchRig.intArg(args, 0, 100_000);
        final int readings = BenchRig.intArg(args, 1, 20);
        final Map<String, String> settings = BenchRig.settings(args, 2);
        try (BenchRig rig = BenchRig.start("vigil-failover-bench-")) {
            final VigilApp a = start(rig, "a", settings);
            final VigilApp b = start(rig, "b", settings);
            rig.produce(devices, readings);
            rig.awaitCommitted(APP, (long) devices * readings);
            final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(2)).build();
            final String base = "http://127.0.0.1:" + b.httpPort() + "/api/devices/";
            final List<String> ofA = ownedBy(http, base, "127.0.0.1:" + a.httpPort(), devices);
            Thread.sleep(5_000); // standbys (if any) read the changelogs' last records
            final long start = System.nanoTime();
            a.close();
            final double closed = (System.nanoTime() - start) / 1e9;
            int standbyAnswers = 0;
            for (final String id : ofA) {
                while (true) {
                    final HttpResponse<String> r = get(http, base + id);
                    final String source = r.headers().firstValue(Served.SOURCE_HEADER).orElse("");
                    if (r.statusCode() == 200 && Served.ACTIVE.equals(source)
                            && r.headers().firstValue(Served.SERVED_BY_HEADER).orElse("").endsWith(":" + b.httpPort())) {
                        break;
                    }
                    standbyAnswers += r.statusCode() == 200 && Served.STANDBY.equals(source) ? 1 : 0;
                    Thread.sleep(20);
                }
            }
            System.out.printf(Locale.ROOT, "settings %s: A stopped in %.1f s; B answered all %d sampled devices of A from "
                    + "its active store %.1f s after A began to stop (B state %s; %d standby answers meanwhile)%n",
                    settings, closed, ofA.size(), (System.nanoTime() - start) / 1e9, b.state(), standbyAnswers);
            b.close();
        }
        System.exit(0);
    }

    private static VigilApp start(final BenchRig rig, final String name, final Map<String, String> settings) {
        final Map<String, String> all = new HashMap<>(settings);
        all.putAll(Map.of(VigilConfig.APPLICATION_ID, APP,
                VigilConfig.STATE_DIR, rig.dir().resolve("state-" + name).toString()));
        return rig.app(all);
    }

    /** Up to {@link #SAMPLE} devices, spread over the fleet, whose answers come from {@code owner}. */
    private static List<String> ownedBy(final HttpClient http, final String base, final String owner, final int devices)
            throws Exception {
        final List<String> out = new ArrayList<>();
        for (int d = 0; d < devices && out.size() < SAMPLE; d += Math.max(1, devices / (4 * SAMPLE))) {
            final HttpResponse<String> r = get(http, base + "dev-" + d);
            if (r.statusCode() == 200 && owner.equals(r.headers().firstValue(Served.SERVED_BY_HEADER).orElse(""))) {
                out.add("dev-" + d);
            }
        }
        return out;
    }

    private static HttpResponse<String> get(final HttpClient http, final String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
