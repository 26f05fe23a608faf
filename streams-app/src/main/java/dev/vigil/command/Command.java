package dev.vigil.command;

import java.time.Instant;
import java.util.Map;

/**
 * A command to one device, the value of the {@code commands} topic (key = device id). A device that carries it
 * out (or cannot) answers with a {@link CommandAck} on {@code command-acks}; after {@code expiresAt} an
 * unanswered command counts as expired.
 */
public record Command(String commandId, String deviceId, String name, Map<String, Object> args, Instant issuedAt,
        Instant expiresAt) {

    public Command {
        args = args == null ? Map.of() : Map.copyOf(args);
    }
}
