package dev.vigil.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JavaType;
import dev.vigil.serde.Json;
import io.javalin.Javalin;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The forwarding client as Vigil builds it, against a real HTTP server (Javalin on 127.0.0.1) standing in for the owner. */
class RemoteInstancesTest {

    /** More than the 2 MB some clients read by default (Jetty's). */
    private static final int LARGE = 3 * 1024 * 1024;

    private final Map<String, String> seenHeaders = new ConcurrentHashMap<>();
    private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
    private Javalin owner;
    private HostInfo host;
    private RemoteInstances remote;

    @BeforeEach
    void start() {
        owner = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.get("/view", ctx -> {
                seenHeaders.put(RemoteInstances.FORWARDED_HEADER, String.valueOf(ctx.header(RemoteInstances.FORWARDED_HEADER)));
                seenHeaders.put("Accept-Encoding", String.valueOf(ctx.header("Accept-Encoding")));
                ctx.header(Served.SOURCE_HEADER, Served.STANDBY).header(Served.SERVED_BY_HEADER, "10.0.0.7:7070")
                        .header(Served.LAG_HEADER, "42").contentType("application/json").result("{\"a\":[1,2.5]}");
            });
            config.routes.get("/badlag", ctx -> ctx.header(Served.LAG_HEADER, "soon").json(List.of(1)));
            config.routes.get("/plain", ctx -> ctx.json(List.of(1, 2, 3)));
            config.routes.get("/port", ctx -> {
                clientPorts.add(ctx.req().getRemotePort());
                ctx.json(List.of(1));
            });
            config.routes.get("/large", ctx -> ctx.json(List.of("x".repeat(LARGE))));
            config.routes.get("/missing", ctx -> ctx.status(404).result("{\"error\":\"no device\"}"));
            config.routes.get("/failing", ctx -> ctx.status(500).result("boom"));
        }).start("127.0.0.1", 0);
        host = new HostInfo("127.0.0.1", owner.port());
        remote = RemoteInstances.create(Json.mapper());
    }

    @AfterEach
    void stop() {
        owner.stop();
    }

    @Test
    @DisplayName("a 200 passes the owner's JSON on as it came, with where it came from; the request says it is forwarded and asks for no gzip")
    void passesTheAnswerOn() throws Exception {
        final Served<Object> served = remote.getRaw(host, "/view").orElseThrow();
        assertEquals("{\"a\":[1,2.5]}", new String(((RawJson) served.body()).utf8(), StandardCharsets.UTF_8));
        assertEquals("{\"answer\":{\"a\":[1,2.5]}}", Json.mapper().writeValueAsString(Map.of("answer", served.body())),
                "Jackson writes it as the text it is");
        assertEquals(Served.STANDBY, served.source());
        assertEquals("10.0.0.7:7070", served.servedBy());
        assertEquals(42, served.lag());
        assertEquals("1", seenHeaders.get(RemoteInstances.FORWARDED_HEADER));
        assertEquals("null", seenHeaders.get("Accept-Encoding"));
    }

    @Test
    @DisplayName("without source headers the answer counts as the active store's, served by the instance asked")
    void defaultsWithoutHeaders() {
        final JavaType type = Json.mapper().getTypeFactory().constructCollectionType(List.class, Integer.class);
        final Served<List<Integer>> served = remote.<List<Integer>>get(host, "/plain", type).orElseThrow();
        assertEquals(List.of(1, 2, 3), served.body());
        assertEquals(Served.ACTIVE, served.source());
        assertEquals("127.0.0.1:" + owner.port(), served.servedBy());
        assertEquals(0, served.lag());
    }

    @Test
    @DisplayName("an answer larger than Jetty's default 2 MB buffer is read whole")
    void readsLargeAnswers() {
        final JavaType type = Json.mapper().getTypeFactory().constructCollectionType(List.class, String.class);
        final Served<List<String>> served = remote.<List<String>>get(host, "/large", type).orElseThrow();
        assertEquals(LARGE, served.body().get(0).length());
    }

    @Test
    @DisplayName("404 is 'not found' (empty); any other status, a malformed lag header and an unreachable instance are 503s with Retry-After")
    void failures() throws Exception {
        assertEquals(Optional.empty(), remote.getRaw(host, "/missing"));
        final ServiceUnavailableException failing = assertThrows(ServiceUnavailableException.class,
                () -> remote.getRaw(host, "/failing"));
        assertTrue(failing.getMessage().contains("answered 500"), failing.getMessage());
        assertEquals(1, failing.retryAfterSeconds());

        final ServiceUnavailableException badLag = assertThrows(ServiceUnavailableException.class,
                () -> remote.getRaw(host, "/badlag"));
        assertTrue(badLag.getMessage().contains("malformed " + Served.LAG_HEADER + " header: 'soon'"),
                badLag.getMessage());

        final int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        final ServiceUnavailableException unreachable = assertThrows(ServiceUnavailableException.class,
                () -> remote.getRaw(new HostInfo("127.0.0.1", closed), "/view"));
        assertTrue(unreachable.getMessage().contains("unreachable"), unreachable.getMessage());
    }

    @Test
    @DisplayName("connections are kept alive: sequential forwards, 404s and failures included, reuse one connection")
    void keepsConnectionsAlive() {
        final JavaType type = Json.mapper().getTypeFactory().constructCollectionType(List.class, Integer.class);
        for (int i = 0; i < 10; i++) {
            remote.get(host, "/port", type).orElseThrow();
            assertEquals(Optional.empty(), remote.getRaw(host, "/missing"));
            assertThrows(ServiceUnavailableException.class, () -> remote.getRaw(host, "/failing"));
        }
        assertEquals(1, clientPorts.size(), "client ports seen by the owner: " + clientPorts);
        assertEquals(String.valueOf(RemoteInstances.KEPT_ALIVE), System.getProperty("http.maxConnections"),
                "the JDK's idle-connection limit, raised from its default of 5 since it was not set");
    }

    @Test
    @DisplayName("a proxy configured for the JVM is not used between instances")
    void neverThroughAProxy() throws Exception {
        try (ServerSocket proxy = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            // every host through the proxy: no exemptions (a non-empty list keeps the JDK's own, 127.* among them)
            final Map<String, String> settings = Map.of("http.proxyHost", "127.0.0.1", "http.proxyPort",
                    String.valueOf(proxy.getLocalPort()), "http.nonProxyHosts", "");
            final Map<String, String> before = new HashMap<>();
            settings.keySet().forEach(key -> before.put(key, System.getProperty(key)));
            try {
                settings.forEach(System::setProperty);
                assertEquals(Served.ACTIVE, remote.getRaw(host, "/plain").orElseThrow().source());
            } finally {
                before.forEach((key, value) -> {
                    if (value == null) {
                        System.clearProperty(key);
                    } else {
                        System.setProperty(key, value);
                    }
                });
            }
            proxy.setSoTimeout(200);
            assertThrows(SocketTimeoutException.class, proxy::accept, "the proxy was asked");
        }
    }
}
