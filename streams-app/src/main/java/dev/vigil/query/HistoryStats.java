package dev.vigil.query;

import dev.vigil.scoring.ScoreRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Time-bucketed aggregates of a device's scores: count, min, max, mean and anomalies per metric and bucket. */
public final class HistoryStats {

    /** One bucket of one metric; {@code start} is aligned to the epoch in multiples of the bucket size. */
    public record Bucket(String metric, Instant start, long count, double min, double max, double mean, long anomalies) {
    }

    private static final Pattern BUCKET = Pattern.compile("(\\d{1,6})([smhd])");
    /** Bucket units, largest first. */
    private static final List<Map.Entry<String, Duration>> UNITS = List.of(Map.entry("d", Duration.ofDays(1)),
            Map.entry("h", Duration.ofHours(1)), Map.entry("m", Duration.ofMinutes(1)),
            Map.entry("s", Duration.ofSeconds(1)));

    private HistoryStats() {
    }

    /**
     * A bucket size as the API writes it: a whole number (up to 6 digits, not 0) of seconds, minutes, hours or days:
     * "30s", "15m", "1h", "1d".
     *
     * @throws IllegalArgumentException for anything else
     */
    public static Duration bucketSize(final String text) {
        final Matcher m = BUCKET.matcher(text);
        final long n = m.matches() ? Long.parseLong(m.group(1)) : 0;
        if (n == 0) {
            throw new IllegalArgumentException("bucket must look like 30s, 15m, 1h or 1d");
        }
        return UNITS.stream().filter(u -> u.getKey().equals(m.group(2))).findFirst().orElseThrow().getValue()
                .multipliedBy(n);
    }

    /**
     * {@code size} as {@link #bucketSize} reads it, in its largest whole unit ("90m" for 1.5 h); never longer than
     * the text it was read from, so it reads back.
     */
    public static String bucketText(final Duration size) {
        for (final Map.Entry<String, Duration> unit : UNITS) {
            if (size.toMillis() % unit.getValue().toMillis() == 0) {
                return size.dividedBy(unit.getValue()) + unit.getKey();
            }
        }
        throw new IllegalArgumentException("a bucket is a whole number of seconds: " + size);
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
