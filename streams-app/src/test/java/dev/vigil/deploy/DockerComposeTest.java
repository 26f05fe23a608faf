package dev.vigil.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.vigil.config.VigilConfig;
import dev.vigil.topology.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** docker-compose.yml cannot run here (no Docker engine), so its consistency is checked instead. */
class DockerComposeTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static JsonNode services;
    private static String nginx;

    @BeforeAll
    static void read() throws IOException {
        services = new ObjectMapper(new YAMLFactory()).readTree(ROOT.resolve("docker-compose.yml").toFile()).get("services");
        nginx = Files.readString(ROOT.resolve("deploy/nginx.conf"));
    }

    private static List<String> vigilInstances() {
        final List<String> names = new ArrayList<>();
        services.fieldNames().forEachRemaining(name -> {
            if (name.startsWith("vigil-")) {
                names.add(name);
            }
        });
        return names;
    }

    @Test
    @DisplayName("a KRaft broker on the project's Kafka version, topic creation, three instances, a load balancer, the simulator")
    void services() {
        final Set<String> names = new HashSet<>();
        services.fieldNames().forEachRemaining(names::add);
        assertEquals(Set.of("kafka", "topics", "vigil-1", "vigil-2", "vigil-3", "lb", "simulator"), names);
        assertEquals("apache/kafka:" + AppInfoParser.getVersion(), services.at("/kafka/image").asText());
        assertEquals("broker,controller", services.at("/kafka/environment/KAFKA_PROCESS_ROLES").asText());
        assertEquals("PLAINTEXT://kafka:9092", services.at("/kafka/environment/KAFKA_ADVERTISED_LISTENERS").asText());
    }

    @Test
    @DisplayName("the topic service creates every Vigil topic, the registry and the scales compacted")
    void topics() {
        final String script = services.at("/topics/command").get(0).asText();
        for (final String topic : Topics.ALL) {
            assertTrue(script.contains(topic), "topic " + topic + " is not created");
        }
        final String compacted = script.lines().filter(line -> line.contains("for t in devices")).findFirst().orElse("");
        for (final String topic : Topics.COMPACTED) {
            assertTrue(compacted.contains(" " + topic), topic + " is not in the loop over compacted topics");
        }
        assertTrue(script.matches("(?s).*for t in devices[^\n]*\n[^\n]*--topic \\$\\$t [^\n]*cleanup.policy=compact.*"),
                "the compacted topics' loop must set cleanup.policy=compact");
    }

    @Test
    @DisplayName("each instance: the broker, one application id, its own advertised address, state volume and known settings")
    void instances() {
        final List<String> instances = vigilInstances();
        assertEquals(3, instances.size());
        final Set<String> volumes = new HashSet<>();
        for (final String name : instances) {
            final JsonNode env = services.get(name).get("environment");
            final String port = env.get("VIGIL_HTTP_PORT").asText();
            assertEquals("kafka:9092", env.get("VIGIL_BOOTSTRAP_SERVERS").asText(), name);
            assertEquals("vigil", env.get("VIGIL_APPLICATION_ID").asText(), name);
            assertEquals(name + ":" + port, env.get("VIGIL_APPLICATION_SERVER").asText(), name);
            assertEquals("0.0.0.0", env.get("VIGIL_HTTP_HOST").asText(), name);
            assertEquals(name, services.get(name).get("hostname").asText());
            assertEquals("false", env.get("VIGIL_TOPICS_CREATE").asText(), "the topics service creates them");
            final Iterator<String> keys = env.fieldNames();
            while (keys.hasNext()) {
                final String key = keys.next();
                assertTrue(key.startsWith("VIGIL_KAFKA_") || VigilConfig.of(java.util.Map.of()).asMap().keySet()
                        .stream().anyMatch(k -> VigilConfig.envName(k).equals(key)), name + ": unknown setting " + key);
            }
            assertTrue(volumes.add(services.get(name).get("volumes").get(0).asText().split(":")[0]),
                    name + " shares a state volume");
        }
    }

    @Test
    @DisplayName("the load balancer proxies to every instance with SSE-friendly settings and publishes its port")
    void loadBalancer() {
        final Set<String> upstreams = new HashSet<>();
        final Matcher m = Pattern.compile("server\\s+([\\w.-]+:\\d+);").matcher(nginx);
        while (m.find()) {
            upstreams.add(m.group(1));
        }
        final Set<String> expected = new HashSet<>();
        for (final String name : vigilInstances()) {
            expected.add(name + ":" + services.get(name).at("/environment/VIGIL_HTTP_PORT").asText());
        }
        assertEquals(expected, upstreams);
        assertTrue(nginx.contains("proxy_buffering off;"));
        assertTrue(nginx.matches("(?s).*proxy_read_timeout\\s+\\d+h;.*"), "long read timeout for SSE");
        final Matcher listen = Pattern.compile("listen\\s+(\\d+);").matcher(nginx);
        assertTrue(listen.find());
        assertEquals(listen.group(1) + ":" + listen.group(1), services.at("/lb/ports").get(0).asText());
        assertTrue(services.at("/lb/volumes").get(0).asText().startsWith("./deploy/nginx.conf:"));
    }

    @Test
    @DisplayName("the simulator runs a class that exists, against the compose broker")
    void simulator() throws ClassNotFoundException {
        final JsonNode entry = services.at("/simulator/entrypoint");
        Class.forName(entry.get(3).asText());
        assertEquals("--bootstrap-servers", entry.get(4).asText());
        assertEquals("kafka:9092", entry.get(5).asText());
    }
}
