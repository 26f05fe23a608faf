package dev.vigil.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EvaluateMainTest {

    /** What a command line ended with. */
    private record Outcome(int exitCode, String err) {
    }

    private static Outcome run(final String... args) {
        final CommandLine cli = EvaluateMain.commandLine();
        final StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));
        final int exitCode = cli.execute(args);
        return new Outcome(exitCode, err.toString());
    }

    /** Runs a command line that must be refused: exit code 2 and {@code message} on stderr. */
    private static Outcome refused(final String message, final String... args) {
        final Outcome outcome = run(args);
        assertEquals(2, outcome.exitCode());
        assertTrue(outcome.err().contains(message), outcome::err);
        return outcome;
    }

    @Test
    @DisplayName("an unknown anomaly kind ends the evaluation with its message and exit code 2, no stack trace")
    void unknownKind() {
        final Outcome outcome = refused("unknown anomaly kind 'none'", "simulator", "--kinds", "none");
        assertFalse(outcome.err().contains("\tat "), outcome::err);
    }

    @Test
    @DisplayName("--trace without --details ends with its message and exit code 2 before any replay")
    void traceNeedsDetails() {
        refused("--trace writes to the --details file", "simulator", "--trace", "door-8");
    }

    @Test
    @DisplayName("--trace of a device the fleets do not have ends with its message and exit code 2 before any replay")
    void traceOfAnUnknownDevice(@TempDir final Path dir) {
        refused("no device 'door-99' to trace", "simulator", "--trace", "door-99", "--details",
                dir.resolve("d.jsonl").toString(), "--kinds", "spike", "--ticks", "20");
        assertFalse(Files.exists(dir.resolve("d.jsonl")), "no details written");
    }

    @Test
    @DisplayName("a seed given twice ends with its message and exit code 2 before any replay")
    void seedTwice() {
        refused("--seed: give each seed once, got [7, 42, 7]", "simulator", "--seed", "7,42,7");
    }
}
