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
    public static final class Issued implements Processor<String, Command, Void, Void> {
        private final String storeName;
        private final int max;
        private KeyValueStore<String, CommandLog> store;

        public Issued(final String storeName, final int max) {
            this.storeName = storeName;
            this.max = max;
        }

        @Override
        public void init(final ProcessorContext<Void, Void> context) {
            this.store = context.getStateStore(storeName);
        }

        @Override
        public void process(final Record<String, Command> record) {
            if (record.key() == null || record.value() == null || record.value().commandId() == null) {
                return;
            }
            final CommandLog log = store.get(record.key());
            store.put(record.key(), (log == null ? CommandLog.empty() : log).with(record.value(), max));
        }
    }

    /** Records answers (and keeps, up to {@code max}, those that arrive before their command). */
    public static final class Answered implements Processor<String, CommandAck, Void, Void> {
        private final String storeName;
        private final int max;
        private KeyValueStore<String, CommandLog> store;

        public Answered(final String storeName, final int max) {
            this.storeName = storeName;
            this.max = max;
        }

        @Override
        public void init(final ProcessorContext<Void, Void> context) {
            this.store = context.getStateStore(storeName);
        }

        @Override
        public void process(final Record<String, CommandAck> record) {
            if (record.key() == null || record.value() == null) {
                return;
            }
            final CommandLog log = store.get(record.key());
            final CommandLog next = (log == null ? CommandLog.empty() : log).answered(record.value(), max);
            if (next != log) {
                store.put(record.key(), next);
            }
        }
    }
}
