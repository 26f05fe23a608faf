package dev.vigil.query;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Calls another Vigil instance's HTTP API, marking the request as forwarded so it is never forwarded again.
 *
 * <p>The client is the JDK's blocking {@link HttpURLConnection}, directly (never through a proxy the JVM may be
 * configured with), over the JDK's keep-alive connections: the calling server thread writes the request and reads
 * the answer itself. The JDK's {@code java.net.http} client, used until session 21, does its I/O on a selector
 * thread and wakes the waiting caller for every answer. With this one, alternated with it (BENCHMARKS.md, "Query
 * latency", session 21): forwarded queries flat out 3,692-5,127 -> 5,413-6,791/s; at 3,000/s a forwarded request
 * costs 17-25% less CPU and the p99 fell from 28-47 to 16-21 ms. Jetty's client was tried in session 19 (same
 * section) and not kept.
 *
 * <p>The JDK keeps at most {@code http.maxConnections} idle connections per instance (its default is 5) and closes
 * the others when a request is done, so a burst of concurrent forwards would open new connections each time;
 * {@link #create} raises the JVM's setting to {@value #KEPT_ALIVE} unless it was set already (it is read once, when
 * the JDK's cache is first used).
 */
public final class RemoteInstances {

    /** Marks a forwarded request. */
    public static final String FORWARDED_HEADER = "X-Vigil-Forwarded";
    /** The idle connections kept per instance, when the JVM's {@code http.maxConnections} is not set. */
    static final int KEPT_ALIVE = 100;
    private static final String KEEP_ALIVE_PROPERTY = "http.maxConnections";
    private static final int RETRY_AFTER_SECONDS = 1;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** How long an owner may leave the connection silent, waiting for its answer or between its parts. */
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

    private final ObjectMapper mapper;

    private RemoteInstances(final ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The forwarding client described above. */
    public static RemoteInstances create(final ObjectMapper mapper) {
        if (System.getProperty(KEEP_ALIVE_PROPERTY) == null) {
            System.setProperty(KEEP_ALIVE_PROPERTY, String.valueOf(KEPT_ALIVE));
        }
        return new RemoteInstances(mapper);
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
        final String authority = host.host() + ":" + host.port();
        try {
            final HttpURLConnection connection = open(authority, pathAndQuery);
            final int status = connection.getResponseCode();
            if (status != 200) {
                drain(connection.getErrorStream());
                if (status == 404) {
                    return Optional.empty();
                }
                throw new ServiceUnavailableException("instance " + authority + " answered " + status,
                        RETRY_AFTER_SECONDS);
            }
            final byte[] body;
            try (InputStream in = connection.getInputStream()) {
                body = in.readAllBytes();
            }
            final String source = connection.getHeaderField(Served.SOURCE_HEADER);
            final String servedBy = connection.getHeaderField(Served.SERVED_BY_HEADER);
            return Optional.of(new Served<>(reader.read(body), source == null ? Served.ACTIVE : source,
                    servedBy == null ? authority : servedBy,
                    lagOf(connection.getHeaderField(Served.LAG_HEADER), authority)));
        } catch (final IOException e) {
            throw new ServiceUnavailableException("instance " + authority + " unreachable: " + e,
                    RETRY_AFTER_SECONDS);
        }
    }

    /** The owner's standby lag header: none is 0 (an active store); one that is not a count is the owner's fault. */
    private static long lagOf(final String header, final String authority) {
        if (header == null) {
            return 0;
        }
        try {
            final long lag = Long.parseLong(header.trim());
            if (lag >= 0) {
                return lag;
            }
        } catch (final NumberFormatException e) {
            // reported below
        }
        throw new ServiceUnavailableException("instance " + authority + " answered with a malformed "
                + Served.LAG_HEADER + " header: '" + header + "'", RETRY_AFTER_SECONDS);
    }

    private static HttpURLConnection open(final String authority, final String pathAndQuery) throws IOException {
        final HttpURLConnection connection = (HttpURLConnection) URI.create("http://" + authority + pathAndQuery)
                .toURL().openConnection(Proxy.NO_PROXY);
        connection.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
        connection.setReadTimeout((int) READ_TIMEOUT.toMillis());
        connection.setInstanceFollowRedirects(false);
        connection.setRequestProperty(FORWARDED_HEADER, "1");
        return connection;
    }

    /** Reads an error answer to its end, so its connection can be kept for the next request. */
    private static void drain(final InputStream error) throws IOException {
        if (error != null) {
            try (error) {
                error.readAllBytes();
            }
        }
    }

    public ObjectMapper mapper() {
        return mapper;
    }
}
