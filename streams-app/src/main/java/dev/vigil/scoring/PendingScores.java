package dev.vigil.scoring;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * The queue of readings waiting to be scored: a state store that holds the queue as objects, in arrival order,
 * and writes it to a changelogged key-value store only when the task commits. Keys are a per-task sequence
 * (big-endian longs sort numerically), so the inner store iterates in arrival order.
 *
 * <p>Why at commit: a crash must lose nothing, so every reading whose input offset is committed must either be
 * scored (its outputs in the same transaction) or be in the changelog. Most readings are queued and scored
 * between two commits; writing each one to the changelog when queued and a tombstone when scored cost two broker
 * records per reading (BENCHMARKS.md). Now only the readings still queued at a commit are written, and only those
 * get a tombstone later.
 *
 * <p>The hook: Kafka Streams 4.3 flushes the caches of a task's stores ({@link CachedStateStore#flushCache}) in
 * {@code StreamTask.prepareCommit}, before it commits the transaction or the offsets, on every commit (interval,
 * rebalance, clean close); that is how its own record caches reach their changelogs. {@code CachedStateStore} is
 * an internal interface of Kafka Streams: the version is pinned (4.3.1), {@code ScoringTopologyTest} fails if the
 * hook stops being called, and {@code ExactlyOnceIT} checks that a SIGKILL loses no queued reading.
 */
public final class PendingScores implements StateStore, CachedStateStore<Long, PendingScore> {

    private final KeyValueStore<Long, PendingScore> store;
    private final ArrayDeque<KeyValue<Long, PendingScore>> queue = new ArrayDeque<>();
    private final List<Long> writtenThenScored = new ArrayList<>();
    private long nextSequence;
    /** Every queued reading with a lower sequence is in the changelog. */
    private long writtenBelow;

    PendingScores(final KeyValueStore<Long, PendingScore> store) {
        this.store = store;
    }

    /** Reads the queue back from the store; a processor calls it in {@code init}, after any restore. */
    void load() {
        clearCache();
        try (KeyValueIterator<Long, PendingScore> all = store.all()) {
            while (all.hasNext()) {
                queue.add(all.next());
            }
        }
        nextSequence = queue.isEmpty() ? 0 : queue.getLast().key + 1;
        writtenBelow = nextSequence;
    }

    void add(final PendingScore score) {
        queue.add(KeyValue.pair(nextSequence++, score));
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
            if (entry.key < writtenBelow) {
                writtenThenScored.add(entry.key);
            }
            queue.removeFirst();
        }
    }

    /** Writes what changed since the last commit: tombstones for scored readings, then the newly queued ones. */
    @Override
    public void flushCache() {
        for (final Long key : writtenThenScored) {
            store.put(key, null); // a delete that does not read (and parse) the old value back
        }
        writtenThenScored.clear();
        for (final KeyValue<Long, PendingScore> entry : queue) {
            if (entry.key >= writtenBelow) {
                store.put(entry.key, entry.value);
            }
        }
        writtenBelow = nextSequence;
    }

    /**
     * Drops what was not written. Kafka Streams calls it when it recycles a task (after committing it, so nothing is
     * lost); {@link #init} calls it for a task revived after a dirty close, whose queue {@link #load} then rebuilds.
     */
    @Override
    public void clearCache() {
        queue.clear();
        writtenThenScored.clear();
        writtenBelow = nextSequence;
    }

    @Override
    public boolean setFlushListener(final CacheFlushListener<Long, PendingScore> listener,
            final boolean sendOldValues) {
        return false;
    }

    @Override
    public String name() {
        return store.name();
    }

    @Override
    public void init(final StateStoreContext context, final StateStore root) {
        clearCache(); // a revived task (after a dirty close) re-initialises the same store object
        store.init(context, root);
    }

    @Override
    public void commit(final Map<TopicPartition, Long> changelogOffsets) {
        store.commit(changelogOffsets);
    }

    @Override
    public void close() {
        store.close();
    }

    @Override
    public boolean persistent() {
        return store.persistent();
    }

    @Override
    public boolean isOpen() {
        return store.isOpen();
    }

    @Override
    public <R> QueryResult<R> query(final Query<R> query, final PositionBound positionBound, final QueryConfig config) {
        return store.query(query, positionBound, config);
    }

    @Override
    public Position getPosition() {
        return store.getPosition();
    }
}
