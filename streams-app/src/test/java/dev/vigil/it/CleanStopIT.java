package dev.vigil.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.app.VigilApp;
import dev.vigil.broker.LocalKafkaBroker;
import dev.vigil.model.score.AutoencoderScorer;
import dev.vigil.model.score.ModelArtifacts;
import dev.vigil.query.Served;
import dev.vigil.testing.TelemetryJson;
import dev.vigil.topology.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cleanly stopped instance leaves the group: the survivor owns and answers for every device well within 45 s. */
class CleanStopIT {

    private static final int DEVICES = 12;

    @TempDir
    Path dir;

    @Test
    @DisplayName("after a clean stop of one of two instances the other answers for every device within 20 s (session timeout: 45 s)")
    void partitionsMoveAtOnce() throws Exception {
        final List<VigilApp> apps = new ArrayList<>();
        final LocalKafkaBroker broker = new LocalKafkaBroker(dir.resolve("kafka"), 0, 0).start();
        final AutoencoderScorer scorer = ModelArtifacts.loadDefault();
        try {
            final VigilApp a = AppCluster.start(broker, scorer, dir, "a", LocalKafkaBroker.freePort(), Map.of());
            apps.add(a);
            final VigilApp b = AppCluster.start(broker, scorer, dir, "b", LocalKafkaBroker.freePort(), Map.of());
            apps.add(b);
            AppCluster.awaitRunning(a, b);
            final Instant t0 = Instant.now().minusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            final List<String[]> records = new ArrayList<>();
            for (int d = 0; d < DEVICES; d++) {
                records.add(new String[] {"dev-" + d, TelemetryJson.nested("dev-" + d, t0, "temperature", 21.0)});
            }
            KafkaTestSupport.produce(broker.bootstrapServers(), Topics.TELEMETRY, records);
            awaitAllServedBy(b, Duration.ofSeconds(60), false);

            final Instant stopped = Instant.now();
            a.close();
            apps.remove(a);
            awaitAllServedBy(b, Duration.ofSeconds(20), true);
            final Duration took = Duration.between(stopped, Instant.now());
            assertTrue(took.compareTo(Duration.ofSeconds(20)) < 0, "took " + took);
        } finally {
            AppCluster.closeAll(apps, scorer, broker);
        }
    }

    /** Waits until {@code b} answers 200 for every device (served by itself when {@code byItself}). */
    private static void awaitAllServedBy(final VigilApp b, final Duration within, final boolean byItself)
            throws Exception {
        final HttpClient http = HttpClient.newHttpClient();
        final Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            int ok = 0;
            for (int d = 0; d < DEVICES; d++) {
                final HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + b.httpPort() + "/api/devices/dev-" + d)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                final boolean self = r.headers().firstValue(Served.SERVED_BY_HEADER)
                        .map(s -> s.endsWith(":" + b.httpPort())).orElse(false);
                if (r.statusCode() == 200 && (!byItself || self)) {
                    ok++;
                }
            }
            if (ok == DEVICES) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("instance b did not answer for all " + DEVICES + " devices within " + within);
    }
}
