package dev.vigil.evaluate;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScratchDirTest {

    @TempDir
    Path parent;

    @Test
    @DisplayName("a temporary work directory is deleted with its contents on close; a named one is kept")
    void temporaryDeletedNamedKept() throws Exception {
        final Path temporary;
        try (ScratchDir scratch = ScratchDir.temporary("vigil-scratch-test-")) {
            temporary = scratch.path();
            Files.createDirectories(temporary.resolve("kafka/topic-0"));
            Files.writeString(temporary.resolve("kafka/topic-0/00000.log"), "records");
        }
        assertFalse(Files.exists(temporary));

        final Path named = parent.resolve("work");
        try (ScratchDir scratch = ScratchDir.keptOrTemporary(named, "unused-")) {
            Files.writeString(scratch.path().resolve("state"), "kept");
        }
        assertTrue(Files.exists(named.resolve("state")));
    }

    @Test
    @DisplayName("a directory inside a temporary one is deleted on its own close, before its parent; inside a named one it is kept")
    void subDirectories() throws Exception {
        try (ScratchDir scratch = ScratchDir.temporary("vigil-scratch-test-")) {
            final Path seed;
            try (ScratchDir sub = scratch.sub("seed-1")) {
                seed = sub.path();
                Files.writeString(seed.resolve("00000.log"), "records");
            }
            assertFalse(Files.exists(seed), "gone once its seed is done");
            assertTrue(Files.exists(scratch.path()), "the parent stays until its own close");
        }
        final Path named = parent.resolve("named");
        try (ScratchDir scratch = ScratchDir.keptOrTemporary(named, "unused-"); ScratchDir sub = scratch.sub("seed-1")) {
            Files.writeString(sub.path().resolve("state"), "kept");
        }
        assertTrue(Files.exists(named.resolve("seed-1/state")));
    }
}
