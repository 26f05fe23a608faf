package dev.vigil.command;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The value of the {@code device-commands} store: a device's latest commands, oldest first. */
public record CommandLog(List<CommandStatus> commands) {

    public CommandLog {
        commands = List.copyOf(commands);
    }

    static CommandLog empty() {
        return new CommandLog(List.of());
    }

    /** With {@code command} added (a re-delivered one is not added twice), keeping the newest {@code max}. */
    CommandLog with(final Command command, final int max) {
        if (commands.stream().anyMatch(c -> c.command().commandId().equals(command.commandId()))) {
            return this;
        }
        final List<CommandStatus> next = new ArrayList<>(commands);
        next.add(CommandStatus.sent(command));
        return new CommandLog(next.subList(Math.max(0, next.size() - max), next.size()));
    }

    /** With the answered command updated; an answer to an unknown command changes nothing. */
    CommandLog answered(final CommandAck ack) {
        final List<CommandStatus> next = new ArrayList<>(commands.size());
        boolean found = false;
        for (final CommandStatus status : commands) {
            if (!found && status.command().commandId().equals(ack.commandId())
                    && CommandStatus.SENT.equals(status.state())) {
                next.add(status.answered(ack));
                found = true;
            } else {
                next.add(status);
            }
        }
        return found ? new CommandLog(next) : null;
    }

    /** Every command's state as of {@code now}. */
    public List<CommandStatus> asOf(final Instant now) {
        return commands.stream().map(c -> c.asOf(now)).toList();
    }
}
