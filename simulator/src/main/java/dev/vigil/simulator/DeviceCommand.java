package dev.vigil.simulator;

import java.time.Instant;
import java.util.Map;

/**
 * A command from the {@code commands} topic (key = device id), as written by {@code POST /api/devices/{id}/commands}.
 * See the README for the names and their arguments.
 */
public record DeviceCommand(String commandId, String deviceId, String name, Map<String, Object> args,
        Instant issuedAt, Instant expiresAt) {

    public DeviceCommand {
        args = args == null ? Map.of() : args;
    }
}
