package dev.vigil.command;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The value of the {@code device-commands} store: a device's latest commands, oldest first, and the answers that
 * arrived before their command was logged.
 *
 * <p>Commands and answers come from two topics that Kafka Streams reads without aligning them in time
 * ({@code max.task.idle.ms=-1}, see {@code StreamsSettings}); after a restart with a backlog an answer can be read
 * before its command. It is kept in {@code early} and applied when the command arrives.
 */
public record CommandLog(List<CommandStatus> commands, List<CommandAck> early) {

    public CommandLog {
        commands = List.copyOf(commands);
        early = early == null ? List.of() : List.copyOf(early);
    }

    static CommandLog empty() {
        return new CommandLog(List.of(), List.of());
    }

    /**
     * With {@code command} added (a re-delivered one is not added twice; an answer that came early is applied),
     * keeping the newest {@code max}.
     */
    CommandLog with(final Command command, final int max) {
        if (commands.stream().anyMatch(c -> c.command().commandId().equals(command.commandId()))) {
            return this;
        }
        final CommandAck answer = early.stream().filter(a -> a.commandId().equals(command.commandId()))
                .findFirst().orElse(null);
        final List<CommandStatus> next = new ArrayList<>(commands);
        next.add(answer == null ? CommandStatus.sent(command) : CommandStatus.sent(command).answered(answer));
        return new CommandLog(next.subList(Math.max(0, next.size() - max), next.size()),
                answer == null ? early : early.stream().filter(a -> a != answer).toList());
    }

    /**
     * With the answered command updated; an answer to a command not logged yet is kept (the newest {@code max}) until
     * it arrives.
     */
    CommandLog answered(final CommandAck ack, final int max) {
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
        if (found) {
            return new CommandLog(next, early);
        }
        final boolean known = commands.stream().anyMatch(c -> c.command().commandId().equals(ack.commandId()))
                || early.stream().anyMatch(a -> a.commandId().equals(ack.commandId()));
        if (known) {
            return this;
        }
        final List<CommandAck> waiting = new ArrayList<>(early);
        waiting.add(ack);
        return new CommandLog(commands, waiting.subList(Math.max(0, waiting.size() - max), waiting.size()));
    }

    /** Every command's state as of {@code now}. */
    public List<CommandStatus> asOf(final Instant now) {
        return commands.stream().map(c -> c.asOf(now)).toList();
    }
}
