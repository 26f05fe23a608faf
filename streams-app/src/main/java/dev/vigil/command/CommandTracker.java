package dev.vigil.command;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the {@code device-commands} store: one instance reads {@code commands} and logs each command as sent,
 * another reads {@code command-acks} and records the answers. Both topics are keyed by device id and
 * co-partitioned, so a device's commands and answers meet in one task.
 */
public final class CommandTracker {

    private CommandTracker() {
    }

    /** Logs commands. */
    public static final class Issued extends LogUpdate<Command> {
        public Issued(final String storeName, final int max) {
            super(storeName, max);
        }

        @Override
        CommandLog apply(final CommandLog log, final Command command, final int max) {
            return command.commandId() == null ? log : log.with(command, max);
        }
    }

    /** Records answers (and keeps, up to {@code max}, those that arrive before their command). */
    public static final class Answered extends LogUpdate<CommandAck> {
        public Answered(final String storeName, final int max) {
            super(storeName, max);
        }

        @Override
        CommandLog apply(final CommandLog log, final CommandAck ack, final int max) {
            return log.answered(ack, max);
        }
    }

    /** Applies each keyed record to its device's {@link CommandLog}, written back only when it changed. */
    abstract static class LogUpdate<V> implements Processor<String, V, Void, Void> {
        private final String storeName;
        private final int max;
        private KeyValueStore<String, CommandLog> store;

        LogUpdate(final String storeName, final int max) {
            this.storeName = storeName;
            this.max = max;
        }

        /** The log after {@code value}; the same instance when nothing changed. */
        abstract CommandLog apply(CommandLog log, V value, int max);

        @Override
        public void init(final ProcessorContext<Void, Void> context) {
            this.store = context.getStateStore(storeName);
        }

        @Override
        public void process(final Record<String, V> record) {
            if (record.key() == null || record.value() == null) {
                return;
            }
            final CommandLog log = store.get(record.key());
            final CommandLog current = log == null ? CommandLog.empty() : log;
            final CommandLog next = apply(current, record.value(), max);
            if (next != current) {
                store.put(record.key(), next);
            }
        }
    }
}
