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

    @Test
    @DisplayName("an unknown anomaly kind ends the evaluation with its message and exit code 2, no stack trace")
    void unknownKind() {
        final Outcome outcome = run("simulator", "--kinds", "none");
        assertEquals(2, outcome.exitCode());
        assertTrue(outcome.err().contains("unknown anomaly kind 'none'"), outcome::err);
        assertFalse(outcome.err().contains("\tat "), outcome::err);
    }

    @Test
    @DisplayName("--trace without --details ends with its message and exit code 2 before any replay")
    void traceNeedsDetails() {
        final Outcome outcome = run("simulator", "--trace", "door-8");
        assertEquals(2, outcome.exitCode());
        assertTrue(outcome.err().contains("--trace writes to the --details file"), outcome::err);
    }

    @Test
    @DisplayName("--trace of a device the fleets do not have ends with its message and exit code 2 before any replay")
    void traceOfAnUnknownDevice(@TempDir final Path dir) {
        final Outcome outcome = run("simulator", "--trace", "door-99", "--details", dir.resolve("d.jsonl").toString(),
                "--kinds", "spike", "--ticks", "20");
        assertEquals(2, outcome.exitCode());
        assertTrue(outcome.err().contains("no device 'door-99' to trace"), outcome::err);
        assertFalse(Files.exists(dir.resolve("d.jsonl")), "no details written");
    }

    @Test
    @DisplayName("a seed given twice ends with its message and exit code 2 before any replay")
    void seedTwice() {
        final Outcome outcome = run("simulator", "--seed", "7,42,7");
        assertEquals(2, outcome.exitCode());
        assertTrue(outcome.err().contains("--seed: give each seed once, got [7, 42, 7]"), outcome::err);
    }
}
