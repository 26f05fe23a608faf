package dev.vigil.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.simulator.ReplaySeries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * NAB data files with their labelled windows: a folder holding {@code *.csv} ({@code timestamp,value}) and
 * NAB's {@code windows.json} ({@code {"file.csv": [["2013-12-10 06:25:00.000000", "..."], ...]}}), times in UTC.
 */
public record NabCorpus(List<DataFile> files) {

    /** One file: its device id (the file name without .csv), its series and its windows. */
    public record DataFile(String name, String deviceId, ReplaySeries series, List<NabScoring.Window> windows) {
    }

    private static final DateTimeFormatter NAB_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSS]");

    public static NabCorpus read(final Path dir, final String metric) throws IOException {
        final JsonNode windows = new ObjectMapper().readTree(dir.resolve("windows.json").toFile());
        final List<DataFile> files = new ArrayList<>();
        final Iterator<Map.Entry<String, JsonNode>> it = windows.fields();
        while (it.hasNext()) {
            final Map.Entry<String, JsonNode> entry = it.next();
            final String name = Path.of(entry.getKey()).getFileName().toString();
            final Path csv = dir.resolve(name);
            if (!Files.exists(csv)) {
                continue;
            }
            final String deviceId = name.replaceAll("\\.csv$", "").replaceAll("[^A-Za-z0-9._:@-]", "-");
            final List<NabScoring.Window> list = new ArrayList<>();
            for (final JsonNode w : entry.getValue()) {
                list.add(new NabScoring.Window(time(w.get(0).asText()), time(w.get(1).asText())));
            }
            files.add(new DataFile(name, deviceId, ReplaySeries.nabCsv(csv, deviceId, metric), List.copyOf(list)));
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException(dir + " has no CSV file named in windows.json");
        }
        return new NabCorpus(List.copyOf(files));
    }

    static Instant time(final String text) {
        return LocalDateTime.parse(text.trim(), NAB_TIME).toInstant(ZoneOffset.UTC);
    }
}
