package dev.vigil.query;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Calls another Vigil instance's HTTP API, marking the request as forwarded so it is never forwarded again.
 *
 * <p>The client is the JDK's ({@code java.net.http}) over HTTP/1.1 (the instances serve plain HTTP/1.1, so no h2c
 * upgrade attempt on new connections), and it runs its dependent tasks (reading the answer, completing the
 * caller's future) on the thread that gets to them instead of handing them to a pool thread: forwarded queries flat
 * out 2,640-3,044 -> 3,643-3,932/s (BENCHMARKS.md, "Query latency", session 18; the mechanism is inferred). Jetty's
 * client was tried in session 19: more requests/s flat out, but at 3,000 requests/s, where the goal is, a longer
 * forwarded tail in both alternated pairs and no less CPU per request (same section).
 */
public final class RemoteInstances {

    /** Marks a forwarded request. */
    public static final String FORWARDED_HEADER = "X-Vigil-Forwarded";
    private static final int RETRY_AFTER_SECONDS = 1;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http;
    private final ObjectMapper mapper;

    private RemoteInstances(final HttpClient http, final ObjectMapper mapper) {
        this.http = http;
        this.mapper = mapper;
    }

    /** The forwarding client described above. */
    public static RemoteInstances create(final ObjectMapper mapper) {
        return new RemoteInstances(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT).executor(Runnable::run).build(), mapper);
    }

    /**
     * GETs {@code pathAndQuery} from {@code host}: the body and the source headers for 200, empty for 404, and
     * {@link ServiceUnavailableException} for anything else, including an unreachable host.
     */
    public <T> Optional<Served<T>> get(final HostInfo host, final String pathAndQuery, final JavaType type) {
        return call(host, pathAndQuery, body -> mapper.readValue(body, type));
    }

    /** Like {@link #get}, but the owner's JSON is passed on as it came, never parsed into objects and written again. */
    public Optional<Served<Object>> getRaw(final HostInfo host, final String pathAndQuery) {
        return call(host, pathAndQuery, RawJson::new);
    }

    /** Reads a 200 body. */
    private interface BodyReader<T> {
        T read(byte[] body) throws IOException;
    }

    private <T> Optional<Served<T>> call(final HostInfo host, final String pathAndQuery, final BodyReader<T> reader) {
        final URI uri = URI.create("http://" + host.host() + ":" + host.port() + pathAndQuery);
        final HttpRequest request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT)
                .header(FORWARDED_HEADER, "1").GET().build();
        try {
            final HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 404) {
                return Optional.empty();
            }
            if (response.statusCode() != 200) {
                throw new ServiceUnavailableException("instance " + uri.getAuthority() + " answered "
                        + response.statusCode(), RETRY_AFTER_SECONDS);
            }
            final T body = reader.read(response.body());
            return Optional.of(new Served<>(body,
                    response.headers().firstValue(Served.SOURCE_HEADER).orElse(Served.ACTIVE),
                    response.headers().firstValue(Served.SERVED_BY_HEADER).orElse(uri.getAuthority()),
                    response.headers().firstValueAsLong(Served.LAG_HEADER).orElse(0)));
        } catch (final IOException e) {
            throw new ServiceUnavailableException("instance " + uri.getAuthority() + " unreachable: " + e,
                    RETRY_AFTER_SECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnavailableException("interrupted", RETRY_AFTER_SECONDS);
        }
    }

    public ObjectMapper mapper() {
        return mapper;
    }
}
