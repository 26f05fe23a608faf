package dev.vigil.scoring;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The queue of readings waiting to be scored, kept in a changelogged store so that a crash between two flushes
 * loses nothing: under exactly-once the store's changelog commits with the input offsets. Keys are a per-task
 * sequence (big-endian longs sort numerically), so iteration returns readings in arrival order.
 */
final class PendingScores {

    private final KeyValueStore<Long, PendingScore> store;
    private long nextSequence;
    private long size;

    PendingScores(final KeyValueStore<Long, PendingScore> store) {
        this.store = store;
        try (KeyValueIterator<Long, PendingScore> newest = store.reverseAll()) {
            this.nextSequence = newest.hasNext() ? newest.next().key + 1 : 0;
        }
        long count = 0;
        try (KeyValueIterator<Long, PendingScore> all = store.all()) {
            while (all.hasNext()) {
                all.next();
                count++;
            }
        }
        this.size = count;
    }

    void add(final PendingScore score) {
        store.put(nextSequence++, score);
        size++;
    }

    long size() {
        return size;
    }

    /** Up to {@code max} of the oldest pending readings. */
    List<KeyValue<Long, PendingScore>> oldest(final int max) {
        final List<KeyValue<Long, PendingScore>> out = new ArrayList<>((int) Math.min(size, max));
        try (KeyValueIterator<Long, PendingScore> it = store.all()) {
            while (it.hasNext() && out.size() < max) {
                out.add(it.next());
            }
        }
        return out;
    }

    void remove(final List<KeyValue<Long, PendingScore>> entries) {
        for (final KeyValue<Long, PendingScore> entry : entries) {
            store.delete(entry.key);
        }
        size -= entries.size();
    }
}
