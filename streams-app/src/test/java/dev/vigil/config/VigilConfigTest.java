package dev.vigil.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VigilConfigTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("defaults < properties file < VIGIL_* environment variables")
    void layering() throws IOException {
        final Path file = dir.resolve("vigil.properties");
        Files.writeString(file, "http.port=8080\nthreshold=0.02\nsimulator.air-quality=5\n");
        final VigilConfig config = VigilConfig.fromEnvironment(Map.of(
                VigilConfig.CONFIG_FILE_ENV, file.toString(),
                "VIGIL_HTTP_PORT", "9090",
                "VIGIL_SIMULATOR_AIR_QUALITY", "7",
                "PATH", "/usr/bin"));
        assertEquals(9090, config.getInt(VigilConfig.HTTP_PORT), "env beats the file");
        assertEquals(0.02, config.getDouble(VigilConfig.THRESHOLD), "the file beats the default");
        assertEquals(7, config.getInt(VigilConfig.SIMULATOR_AIR_QUALITY), "dashes map to underscores");
        assertEquals("exactly_once_v2", config.get(VigilConfig.PROCESSING_GUARANTEE), "default");
        assertEquals("vigil", config.get(VigilConfig.APPLICATION_ID));
    }

    @Test
    @DisplayName("kafka.* settings pass through to Kafka Streams without the prefix, from file or environment")
    void kafkaPassThrough() {
        final VigilConfig config = VigilConfig.load(null, Map.of("VIGIL_KAFKA_NUM_STREAM_THREADS", "2"));
        assertEquals(Map.of("num.stream.threads", "2"), config.kafkaOverrides());
    }

    @Test
    @DisplayName("Kafka Streams gets 64 KB producer batches unless kafka.producer.batch.size says otherwise")
    void producerBatchSize() {
        assertEquals(65536, dev.vigil.app.StreamsSettings.from(VigilConfig.of(Map.of()), "127.0.0.1:9", "127.0.0.1:1")
                .get("producer.batch.size"));
        assertEquals("16384", dev.vigil.app.StreamsSettings.from(VigilConfig.of(Map.of("kafka.producer.batch.size",
                "16384")), "127.0.0.1:9", "127.0.0.1:1").get("producer.batch.size"));
    }

    @Test
    @DisplayName("a bad value names the setting and its environment variable")
    void badValues() {
        final VigilConfig config = VigilConfig.of(Map.of(VigilConfig.HTTP_PORT, "seventy", VigilConfig.TOPICS_CREATE, "yes"));
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> config.getInt(VigilConfig.HTTP_PORT));
        assertTrue(e.getMessage().contains("VIGIL_HTTP_PORT") && e.getMessage().contains("seventy"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> config.getBoolean(VigilConfig.TOPICS_CREATE));
        assertThrows(IllegalArgumentException.class, () -> config.get("no.such.key"));
    }

    @Test
    @DisplayName("a missing properties file is a clear error")
    void missingFile() {
        final Exception e = assertThrows(RuntimeException.class,
                () -> VigilConfig.fromEnvironment(Map.of(VigilConfig.CONFIG_FILE_ENV, dir.resolve("nope").toString())));
        assertTrue(e.getMessage().contains("nope"));
    }
}
