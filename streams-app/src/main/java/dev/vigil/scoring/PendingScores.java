package dev.vigil.scoring;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The queue of readings waiting to be scored, kept in a changelogged store so that a crash between two flushes
 * loses nothing: under exactly-once the store's changelog commits with the input offsets. Keys are a per-task
 * sequence (big-endian longs sort numerically), so the store iterates in arrival order.
 *
 * <p>The store is read once, when the task starts; after that the queue is also held as objects, in order, so a
 * flush neither iterates the store nor parses its JSON again (the store is only written, for recovery).
 */
final class PendingScores {

    private final KeyValueStore<Long, PendingScore> store;
    private final ArrayDeque<KeyValue<Long, PendingScore>> queue = new ArrayDeque<>();
    private long nextSequence;

    PendingScores(final KeyValueStore<Long, PendingScore> store) {
        this.store = store;
        try (KeyValueIterator<Long, PendingScore> all = store.all()) {
            while (all.hasNext()) {
                queue.add(all.next());
            }
        }
        this.nextSequence = queue.isEmpty() ? 0 : queue.getLast().key + 1;
    }

    void add(final PendingScore score) {
        final KeyValue<Long, PendingScore> entry = KeyValue.pair(nextSequence++, score);
        store.put(entry.key, entry.value);
        queue.add(entry);
    }

    long size() {
        return queue.size();
    }

    /** Up to {@code max} of the oldest pending readings. */
    List<KeyValue<Long, PendingScore>> oldest(final int max) {
        final List<KeyValue<Long, PendingScore>> out = new ArrayList<>(Math.min(queue.size(), max));
        final Iterator<KeyValue<Long, PendingScore>> it = queue.iterator();
        while (it.hasNext() && out.size() < max) {
            out.add(it.next());
        }
        return out;
    }

    /** Removes {@code entries}, which must be the oldest ones, as returned by {@link #oldest}. */
    void remove(final List<KeyValue<Long, PendingScore>> entries) {
        for (final KeyValue<Long, PendingScore> entry : entries) {
            if (queue.peekFirst() == null || !queue.peekFirst().key.equals(entry.key)) {
                throw new IllegalStateException("pending reading " + entry.key + " is not the oldest");
            }
            store.put(entry.key, null); // a delete that does not read (and parse) the old value back
            queue.removeFirst();
        }
    }
}
