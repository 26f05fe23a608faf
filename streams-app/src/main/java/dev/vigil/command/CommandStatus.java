package dev.vigil.command;

import java.time.Instant;

/**
 * What became of one command: {@code sent} until the device answers, then {@code acknowledged} or
 * {@code failed}; {@code expired} when no answer came before {@code expiresAt} (an answer after that is kept
 * in {@code detail}/{@code answeredAt} but does not change the state).
 */
public record CommandStatus(Command command, String state, String detail, Instant answeredAt) {

    public static final String SENT = "sent";
    public static final String EXPIRED = "expired";

    static CommandStatus sent(final Command command) {
        return new CommandStatus(command, SENT, null, null);
    }

    /** The state after {@code ack}. */
    CommandStatus answered(final CommandAck ack) {
        final boolean late = ack.timestamp() != null && ack.timestamp().isAfter(command.expiresAt());
        final String next = late ? EXPIRED
                : CommandAck.FAILED.equals(ack.status()) ? CommandAck.FAILED : CommandAck.ACKNOWLEDGED;
        return new CommandStatus(command, next, ack.detail(), ack.timestamp());
    }

    /** The state as of {@code now}: a command still {@code sent} after it expired is {@code expired}. */
    public CommandStatus asOf(final Instant now) {
        return SENT.equals(state) && now.isAfter(command.expiresAt())
                ? new CommandStatus(command, EXPIRED, "no answer before " + command.expiresAt(), null) : this;
    }
}
