package dev.vigil.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * CPU ticks of this JVM's threads by name (Java and native threads alike: GC, JIT, RocksDB, libtorch), read from
 * {@code /proc/self/task/*}. Names are the kernel's (15 characters) with digits dropped, so a pool counts as one.
 * Linux only; elsewhere it reports nothing.
 */
final class ThreadTicks {

    private static final double MICROS_PER_TICK = 10_000; // USER_HZ = 100 on Linux
    private static final int SHOWN = 8;

    private ThreadTicks() {
    }

    /** CPU time of the whole JVM (all its threads) since it started, in ns. */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static Map<String, Long> byName() {
        final Map<String, Long> ticks = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            tasks.forEach(task -> read(task, ticks));
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        return ticks;
    }

    /** The busiest thread names since {@code start}, as CPU µs per reading (or per whatever {@code readings} counts). */
    static String since(final Map<String, Long> start, final double readings) {
        final Map<String, Long> now = byName();
        return now.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - start.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .limit(SHOWN)
                .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue() * MICROS_PER_TICK / readings))
                .collect(Collectors.joining(", "));
    }

    private static void read(final Path task, final Map<String, Long> ticks) {
        try {
            final String name = Files.readString(task.resolve("comm")).strip().replaceAll("[0-9]", "");
            final String stat = Files.readString(task.resolve("stat"));
            // fields after the parenthesised name: state is field 3, utime 14, stime 15
            final String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            ticks.merge(name, Long.parseLong(fields[11]) + Long.parseLong(fields[12]), Long::sum);
        } catch (IOException | RuntimeException e) {
            // a thread that ended while being read
        }
    }
}
