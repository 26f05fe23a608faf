package dev.vigil.command;

import java.time.Instant;

/**
 * A device's answer to a command, the value of the {@code command-acks} topic (key = device id).
 *
 * @param status {@code acknowledged} (carried out) or {@code failed} (with the reason in {@code detail})
 */
public record CommandAck(String commandId, String deviceId, String status, String detail, Instant timestamp) {

    public static final String ACKNOWLEDGED = "acknowledged";
    public static final String FAILED = "failed";
}
