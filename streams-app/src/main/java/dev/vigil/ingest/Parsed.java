package dev.vigil.ingest;

/** The parse processor's output: exactly one of {@code telemetry} and {@code deadLetter} is set. */
public record Parsed(Telemetry telemetry, boolean rekey, DeadLetter deadLetter) {

    public static Parsed ok(final Telemetry telemetry, final boolean rekey) {
        return new Parsed(telemetry, rekey, null);
    }

    public static Parsed rejected(final DeadLetter deadLetter) {
        return new Parsed(null, false, deadLetter);
    }

    public boolean isValid() {
        return telemetry != null;
    }
}
