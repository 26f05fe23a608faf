package dev.vigil.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A recorded series of one device, read from a NAB CSV ({@code timestamp,value}) or a PurpleAir-style JSON file
 * ({@code {"fields":[...],"data":[[...],...]}}), in time order.
 */
public record ReplaySeries(String deviceId, List<Sample> samples) {

    private static final DateTimeFormatter NAB_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final List<String> TIME_FIELDS = List.of("time_stamp", "timestamp", "last_seen");

    public ReplaySeries {
        samples = List.copyOf(samples);
    }

    /**
     * NAB's format: a header line, then {@code yyyy-MM-dd HH:mm:ss,value} in UTC (NAB's timestamps carry no zone).
     * The value becomes reading {@code metric}.
     */
    public static ReplaySeries nabCsv(final Path file, final String deviceId, final String metric) throws IOException {
        final List<Sample> samples = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = in.readLine();
            if (line == null || !line.trim().equalsIgnoreCase("timestamp,value")) {
                throw new IllegalArgumentException(file + ": expected the header 'timestamp,value', got '" + line + "'");
            }
            int number = 1;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                final String[] parts = line.split(",", -1);
                if (parts.length != 2) {
                    throw new IllegalArgumentException(file + ":" + number + ": expected timestamp,value");
                }
                final Map<String, Double> readings = new LinkedHashMap<>();
                readings.put(metric, parts[1].isBlank() ? null : number(parts[1], file, number));
                samples.add(new Sample(deviceId, nabTime(parts[0], file, number), readings, List.of()));
            }
        }
        return sorted(deviceId, samples);
    }

    /**
     * PurpleAir's history format: {@code fields} names the columns, {@code data} holds rows. The time column is
     * {@code time_stamp} (or {@code timestamp}/{@code last_seen}), in epoch seconds or ISO-8601; every other
     * numeric (or null) column is a reading named as its field.
     */
    public static ReplaySeries purpleAirJson(final Path file, final String deviceId) throws IOException {
        final JsonNode root = new ObjectMapper().readTree(file.toFile());
        final JsonNode fields = root.path("fields");
        final JsonNode data = root.path("data");
        if (!fields.isArray() || !data.isArray()) {
            throw new IllegalArgumentException(file + ": expected {\"fields\":[...],\"data\":[[...],...]}");
        }
        final List<String> names = new ArrayList<>();
        fields.forEach(f -> names.add(f.asText()));
        final int timeColumn = timeColumn(names, file);
        final List<Sample> samples = new ArrayList<>();
        for (int r = 0; r < data.size(); r++) {
            final JsonNode row = data.get(r);
            if (!row.isArray() || row.size() != names.size()) {
                throw new IllegalArgumentException(file + ": data row " + r + " does not have " + names.size() + " values");
            }
            final Map<String, Double> readings = new LinkedHashMap<>();
            for (int c = 0; c < names.size(); c++) {
                final JsonNode value = row.get(c);
                if (c != timeColumn && (value.isNumber() || value.isNull())) {
                    readings.put(names.get(c), value.isNull() ? null : value.asDouble());
                }
            }
            if (!readings.isEmpty()) {
                samples.add(new Sample(deviceId, jsonTime(row.get(timeColumn), file, r), readings, List.of()));
            }
        }
        return sorted(deviceId, samples);
    }

    /** The same series moved in time so that its last reading is at {@code end}. */
    public ReplaySeries endingAt(final Instant end) {
        if (samples.isEmpty()) {
            return this;
        }
        final Duration shift = Duration.between(samples.get(samples.size() - 1).timestamp(), end);
        final List<Sample> moved = new ArrayList<>(samples.size());
        samples.forEach(s -> moved.add(new Sample(s.deviceId(), s.timestamp().plus(shift), s.readings(), s.labels())));
        return new ReplaySeries(deviceId, moved);
    }

    private static ReplaySeries sorted(final String deviceId, final List<Sample> samples) {
        samples.sort(Comparator.comparing(Sample::timestamp));
        return new ReplaySeries(deviceId, samples);
    }

    private static int timeColumn(final List<String> names, final Path file) {
        for (final String candidate : TIME_FIELDS) {
            if (names.contains(candidate)) {
                return names.indexOf(candidate);
            }
        }
        throw new IllegalArgumentException(file + ": no time field; expected one of " + TIME_FIELDS);
    }

    private static Instant jsonTime(final JsonNode node, final Path file, final int row) {
        if (node.isIntegralNumber()) {
            return Instant.ofEpochSecond(node.asLong());
        }
        try {
            return OffsetDateTime.parse(node.asText()).toInstant();
        } catch (final DateTimeParseException e) {
            throw new IllegalArgumentException(file + ": data row " + row + ": time '" + node.asText()
                    + "' is neither epoch seconds nor ISO-8601 with an offset");
        }
    }

    private static Instant nabTime(final String text, final Path file, final int line) {
        try {
            return LocalDateTime.parse(text.trim(), NAB_TIME).toInstant(ZoneOffset.UTC);
        } catch (final DateTimeParseException e) {
            throw new IllegalArgumentException(file + ":" + line + ": timestamp '" + text
                    + "' is not yyyy-MM-dd HH:mm:ss");
        }
    }

    private static double number(final String text, final Path file, final int line) {
        try {
            final double d = Double.parseDouble(text.trim());
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException(file + ":" + line + ": value '" + text + "' is not a finite number");
        }
    }
}
