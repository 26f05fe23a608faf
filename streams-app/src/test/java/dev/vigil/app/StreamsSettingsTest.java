package dev.vigil.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.config.VigilConfig;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class StreamsSettingsTest {

    @Test
    @DisplayName("one stream thread per core, at most one per telemetry partition, unless kafka.num.stream.threads is set")
    void streamThreads() {
        assertEquals(2, threads(Map.of(), 2));
        assertEquals(1, threads(Map.of(), 1));
        assertEquals(12, threads(Map.of(), 64), "12 telemetry partitions by default");
        assertEquals(4, threads(Map.of(VigilConfig.TOPICS_PARTITIONS, "4"), 64));
        assertEquals("1", threads(Map.of("kafka.num.stream.threads", "1"), 2));
    }

    private static Object threads(final Map<String, String> settings, final int cores) {
        return StreamsSettings.from(VigilConfig.of(settings), "127.0.0.1:9", "127.0.0.1:1", cores)
                .get("num.stream.threads");
    }
}
