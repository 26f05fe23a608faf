package dev.vigil.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class EvaluateMainTest {

    @Test
    @DisplayName("an unknown anomaly kind ends the evaluation with its message and exit code 2, no stack trace")
    void unknownKind() {
        final CommandLine cli = EvaluateMain.commandLine();
        final StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));
        assertEquals(2, cli.execute("simulator", "--kinds", "none"));
        assertTrue(err.toString().contains("unknown anomaly kind 'none'"), err::toString);
        assertFalse(err.toString().contains("\tat "), err::toString);
    }

    @Test
    @DisplayName("--trace without --details ends with its message and exit code 2 before any replay")
    void traceNeedsDetails() {
        final CommandLine cli = EvaluateMain.commandLine();
        final StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));
        assertEquals(2, cli.execute("simulator", "--trace", "door-8"));
        assertTrue(err.toString().contains("--trace writes to the --details file"), err::toString);
    }
}
