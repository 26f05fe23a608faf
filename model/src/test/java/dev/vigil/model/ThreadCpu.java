package dev.vigil.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/** CPU time of this process's native threads (Java and not), from Linux's /proc/self/task/TID/stat, in clock ticks. */
final class ThreadCpu {

    private ThreadCpu() {
    }

    /** The calling thread's Linux thread id. */
    static long selfTid() {
        try {
            return Long.parseLong(Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString());
        } catch (final IOException e) {
            throw new IllegalStateException("cannot read /proc/thread-self", e);
        }
    }

    /** User + system ticks of every thread of this process. */
    static Map<Long, Long> all() {
        final Map<Long, Long> ticks = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            tasks.forEach(task -> {
                try {
                    final String stat = Files.readString(task.resolve("stat"));
                    // fields after the command name, which is in parentheses and may hold spaces
                    final String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks.put(Long.parseLong(task.getFileName().toString()), Long.parseLong(f[11]) + Long.parseLong(f[12]));
                } catch (final IOException e) {
                    // the thread ended meanwhile
                }
            });
        } catch (final IOException e) {
            throw new IllegalStateException("cannot list /proc/self/task", e);
        }
        return ticks;
    }

    static String name(final long tid) {
        try {
            return Files.readString(Path.of("/proc/self/task/" + tid + "/comm")).trim();
        } catch (final IOException e) {
            return "?";
        }
    }
}
