package dev.vigil.query;

import dev.vigil.scoring.ScoreRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Time-bucketed aggregates of a device's scores: count, min, max, mean and anomalies per metric and bucket. */
public final class HistoryStats {

    /** One bucket of one metric; {@code start} is aligned to the epoch in multiples of the bucket size. */
    public record Bucket(String metric, Instant start, long count, double min, double max, double mean, long anomalies) {
    }

    private HistoryStats() {
    }

    public static List<Bucket> buckets(final List<ScoreRecord> scores, final Duration size) {
        final long width = size.toMillis();
        final Map<String, Map<Long, double[]>> acc = new TreeMap<>();
        for (final ScoreRecord s : scores) {
            final long start = Math.floorDiv(s.timestamp().toEpochMilli(), width) * width;
            final double[] a = acc.computeIfAbsent(s.metric(), m -> new TreeMap<>())
                    .computeIfAbsent(start, t -> new double[] {0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0, 0});
            a[0]++;
            a[1] = Math.min(a[1], s.value());
            a[2] = Math.max(a[2], s.value());
            a[3] += s.value();
            a[4] += s.anomaly() ? 1 : 0;
        }
        final List<Bucket> out = new ArrayList<>();
        acc.forEach((metric, byStart) -> byStart.forEach((start, a) -> out.add(new Bucket(metric,
                Instant.ofEpochMilli(start), (long) a[0], a[1], a[2], a[3] / a[0], (long) a[4]))));
        return out;
    }
}
