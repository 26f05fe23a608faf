package dev.vigil.query;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.RawValue;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.CompletableResponseListener;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.apache.kafka.streams.state.HostInfo;
import org.eclipse.jetty.http.HttpMethod;

/**
 * Calls another Vigil instance's HTTP API, marking the request as forwarded so it is never forwarded again.
 *
 * <p>The client is Jetty's (the Jetty Javalin serves with). Measured against the JDK's {@code java.net.http} client
 * it replaced: BENCHMARKS.md, "Query latency", session 19.
 */
public final class RemoteInstances implements AutoCloseable {

    /** Marks a forwarded request. */
    public static final String FORWARDED_HEADER = "X-Vigil-Forwarded";
    private static final int RETRY_AFTER_SECONDS = 1;
    private static final long CONNECT_TIMEOUT_MS = 2_000;
    private static final long REQUEST_TIMEOUT_MS = 5_000;
    /** Connections kept to each other instance: enough for every HTTP thread to forward at once. */
    private static final int MAX_CONNECTIONS_PER_INSTANCE = 256;
    /**
     * The largest answer read (Jetty's default is 2 MB): a history of {@code limit=10000} scores is about 3 MB, a
     * device list page of 1,000 rows well under 1 MB.
     */
    private static final int MAX_ANSWER_BYTES = 32 * 1024 * 1024;

    private final HttpClient http;
    private final ObjectMapper mapper;

    private RemoteInstances(final HttpClient http, final ObjectMapper mapper) {
        this.http = http;
        this.mapper = mapper;
    }

    /** Starts a client; {@link #close} stops it. */
    public static RemoteInstances start(final ObjectMapper mapper) {
        final HttpClient http = new HttpClient();
        http.setConnectTimeout(CONNECT_TIMEOUT_MS);
        http.setMaxConnectionsPerDestination(MAX_CONNECTIONS_PER_INSTANCE);
        http.setFollowRedirects(false);
        // no "Accept-Encoding: gzip": compressing a ~2 KB answer on the owner and inflating it here cost more CPU than
        // the bytes it saves between instances (the answer to the caller is compressed by this instance as usual)
        http.getContentDecoderFactories().clear();
        try {
            http.start();
        } catch (final Exception e) {
            throw new IllegalStateException("could not start the HTTP client that forwards queries", e);
        }
        return new RemoteInstances(http, mapper);
    }

    /**
     * GETs {@code pathAndQuery} from {@code host}: the body and the source headers for 200, empty for 404, and
     * {@link ServiceUnavailableException} for anything else, including an unreachable host.
     */
    public <T> Optional<Served<T>> get(final HostInfo host, final String pathAndQuery, final JavaType type) {
        return call(host, pathAndQuery, body -> mapper.readValue(body, type));
    }

    /**
     * Like {@link #get}, but the owner's JSON is passed on as it came, never parsed into objects and written again
     * (the body is a Jackson {@link RawValue}, which serialises as its text).
     */
    public Optional<Served<Object>> getRaw(final HostInfo host, final String pathAndQuery) {
        return call(host, pathAndQuery, body -> new RawValue(new String(body, StandardCharsets.UTF_8)));
    }

    /** Reads a 200 body. */
    private interface BodyReader<T> {
        T read(byte[] body) throws IOException;
    }

    private <T> Optional<Served<T>> call(final HostInfo host, final String pathAndQuery, final BodyReader<T> reader) {
        final URI uri = URI.create("http://" + host.host() + ":" + host.port() + pathAndQuery);
        try {
            final ContentResponse response = new CompletableResponseListener(http.newRequest(uri)
                    .method(HttpMethod.GET).headers(h -> h.put(FORWARDED_HEADER, "1"))
                    .timeout(REQUEST_TIMEOUT_MS, TimeUnit.MILLISECONDS), MAX_ANSWER_BYTES).send().get();
            if (response.getStatus() == 404) {
                return Optional.empty();
            }
            if (response.getStatus() != 200) {
                throw new ServiceUnavailableException("instance " + uri.getAuthority() + " answered "
                        + response.getStatus(), RETRY_AFTER_SECONDS);
            }
            final String source = response.getHeaders().get(Served.SOURCE_HEADER);
            final String servedBy = response.getHeaders().get(Served.SERVED_BY_HEADER);
            final long lag = response.getHeaders().getLongField(Served.LAG_HEADER);
            return Optional.of(new Served<>(reader.read(response.getContent()),
                    source == null ? Served.ACTIVE : source, servedBy == null ? uri.getAuthority() : servedBy,
                    Math.max(0, lag)));
        } catch (final IOException | ExecutionException e) {
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

    @Override
    public void close() {
        try {
            http.stop();
        } catch (final Exception e) {
            throw new IllegalStateException("could not stop the forwarding HTTP client", e);
        }
    }
}
