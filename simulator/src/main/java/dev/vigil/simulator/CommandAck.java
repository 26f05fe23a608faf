package dev.vigil.simulator;

import java.time.Instant;

/** A device's answer to a command, on the {@code command-acks} topic (key = device id). */
public record CommandAck(String commandId, String deviceId, String status, String detail, Instant timestamp) {

    public static final String ACKNOWLEDGED = "acknowledged";
    public static final String FAILED = "failed";

    static CommandAck ok(final DeviceCommand command, final String detail, final Instant now) {
        return new CommandAck(command.commandId(), command.deviceId(), ACKNOWLEDGED, detail, now);
    }

    static CommandAck failed(final DeviceCommand command, final String detail, final Instant now) {
        return new CommandAck(command.commandId(), command.deviceId(), FAILED, detail, now);
    }
}
