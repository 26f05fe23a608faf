package dev.vigil.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * Telemetry through Vigil's HTTP gateway: {@code POST /api/telemetry} with arrays of up to {@link #BATCH}
 * messages, each call waiting for the 202 (which Vigil sends after Kafka acknowledged). Registers devices with
 * {@code PUT /api/devices/{id}}.
 */
final class HttpTelemetrySink implements TelemetrySink {

    /** Items per request; Vigil accepts up to ingest.http.max.items (1000 by default). */
    static final int BATCH = 500;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final SimulatorJson json;

    HttpTelemetrySink(final String baseUrl, final SimulatorJson json) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.json = json;
    }

    @Override
    public boolean register(final List<RegistryEntry> entries) {
        for (final RegistryEntry entry : entries) {
            call(HttpRequest.newBuilder(URI.create(baseUrl + "/api/devices/" + entry.deviceId()))
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(json.device(entry))), 200);
        }
        return true;
    }

    @Override
    public void send(final List<Sample> samples) {
        for (int from = 0; from < samples.size(); from += BATCH) {
            final List<Sample> batch = samples.subList(from, Math.min(samples.size(), from + BATCH));
            call(HttpRequest.newBuilder(URI.create(baseUrl + "/api/telemetry"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.telemetryBatch(batch))), 202);
        }
    }

    private void call(final HttpRequest.Builder request, final int expected) {
        try {
            final HttpResponse<String> response = client.send(request.header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException(response.request().method() + " " + response.uri() + " answered "
                        + response.statusCode() + ": " + response.body());
            }
        } catch (final IOException e) {
            throw new IllegalStateException("cannot reach Vigil at " + baseUrl + ": " + e, e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void flush() {
        // every call already waited for its answer
    }

    @Override
    public void close() {
        // java.net.http.HttpClient has no close() on Java 17
    }
}
