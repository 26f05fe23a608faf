package dev.vigil.evaluate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A working directory for a measurement (a broker's log, state stores): a temporary one is deleted with everything
 * in it on close (a 2M-reading benchmark leaves about 18 GB); one the user named is kept.
 */
public final class ScratchDir implements AutoCloseable {

    private final Path path;
    private final boolean temporary;

    private ScratchDir(final Path path, final boolean temporary) {
        this.path = path;
        this.temporary = temporary;
    }

    /** A new temporary directory, deleted on close. */
    public static ScratchDir temporary(final String prefix) throws IOException {
        return new ScratchDir(Files.createTempDirectory(prefix), true);
    }

    /** {@code dir} (created if missing), kept on close; a temporary one when {@code dir} is null. */
    public static ScratchDir keptOrTemporary(final Path dir, final String prefix) throws IOException {
        return dir == null ? temporary(prefix) : new ScratchDir(Files.createDirectories(dir), false);
    }

    public Path path() {
        return path;
    }

    /**
     * A directory inside this one, deleted on close when this one is temporary (a seed's runs of a multi-seed
     * evaluation: ten seeds of 7,500 simulated seconds left about 90 GB before it was).
     */
    public ScratchDir sub(final String name) throws IOException {
        return new ScratchDir(Files.createDirectories(path.resolve(name)), temporary);
    }

    /** Deletes {@code dir} and everything in it; nothing when it does not exist. */
    public static void delete(final Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        final List<Path> paths;
        try (Stream<Path> walk = Files.walk(dir)) {
            paths = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (final Path p : paths) {
            Files.deleteIfExists(p);
        }
    }

    @Override
    public void close() throws IOException {
        if (temporary) {
            delete(path);
        }
    }
}
