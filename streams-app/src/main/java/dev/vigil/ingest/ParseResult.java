package dev.vigil.ingest;

/** What the parser made of one record: usable telemetry, or a rejection with its reason. */
public sealed interface ParseResult {

    /**
     * @param rekey true when the record's key was missing, so it may sit on the wrong partition and must be
     *     repartitioned by device id before it meets the device's state
     */
    record Valid(Telemetry telemetry, boolean rekey) implements ParseResult {
    }

    record Invalid(DlqReason reason, String detail) implements ParseResult {
    }
}
