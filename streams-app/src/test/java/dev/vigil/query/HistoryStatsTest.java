package dev.vigil.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vigil.scoring.ScoreRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HistoryStatsTest {

    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

    @Test
    @DisplayName("bucket sizes read as the API writes them, and anything else is refused with the accepted form")
    void bucketSizes() {
        assertEquals(Duration.ofSeconds(30), HistoryStats.bucketSize("30s"));
        assertEquals(Duration.ofMinutes(15), HistoryStats.bucketSize("15m"));
        assertEquals(Duration.ofHours(1), HistoryStats.bucketSize("1h"));
        assertEquals(Duration.ofDays(999_999), HistoryStats.bucketSize("999999d"));
        for (final String bad : List.of("0h", "7x", "1234567s", "", "1.5h", "-1m", "h")) {
            final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> HistoryStats.bucketSize(bad), bad);
            assertEquals("bucket must look like 30s, 15m, 1h or 1d", e.getMessage());
        }
    }

    @Test
    @DisplayName("a bucket size is written in its largest whole unit and reads back, even the largest size accepted")
    void bucketTextReadsBack() {
        assertEquals("90m", HistoryStats.bucketText(Duration.ofMinutes(90)));
        assertEquals("2h", HistoryStats.bucketText(Duration.ofMinutes(120)));
        assertEquals("1d", HistoryStats.bucketText(Duration.ofHours(24)));
        assertEquals("61s", HistoryStats.bucketText(Duration.ofSeconds(61)));
        for (final String text : List.of("30s", "999999s", "999999m", "999999h", "999999d", "3600s", "48h")) {
            final Duration size = HistoryStats.bucketSize(text);
            assertEquals(size, HistoryStats.bucketSize(HistoryStats.bucketText(size)), text);
        }
    }

    @Test
    @DisplayName("scores are aggregated per metric and epoch-aligned bucket: count, min, max, mean, anomalies")
    void aggregates() {
        final List<HistoryStats.Bucket> buckets = HistoryStats.buckets(List.of(
                score("temperature", T0.plusSeconds(10), 20.0, false),
                score("temperature", T0.plusSeconds(50), 24.0, true),
                score("temperature", T0.plusSeconds(70), 21.0, false),
                score("humidity", T0.plusSeconds(5), 40.0, false)), Duration.ofMinutes(1));
        assertEquals(List.of(
                new HistoryStats.Bucket("humidity", T0, 1, 40.0, 40.0, 40.0, 0),
                new HistoryStats.Bucket("temperature", T0, 2, 20.0, 24.0, 22.0, 1),
                new HistoryStats.Bucket("temperature", T0.plusSeconds(60), 1, 21.0, 21.0, 21.0, 0)), buckets);
    }

    private static ScoreRecord score(final String metric, final Instant at, final double value, final boolean anomaly) {
        return new ScoreRecord("probe-1", "probe", metric, at, value, false, anomaly ? 0.02 : 0.001, 0.0, 0.01, anomaly,
                "vigil-ae:1", anomaly ? ScoreRecord.AUTOENCODER : null);
    }
}
