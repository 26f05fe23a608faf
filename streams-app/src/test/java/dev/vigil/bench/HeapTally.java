package dev.vigil.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * What the JVM allocated and collected between two points: bytes allocated by all its threads (HotSpot's per-thread
 * counters, terminated threads included) and the count and total time of its garbage collections (G1's young and
 * mixed pauses and its concurrent cycles, each as its MXBean counts them).
 */
record HeapTally(long allocatedBytes, long collections, long collectionMillis) {

    static HeapTally now() {
        final long allocated = ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getTotalThreadAllocatedBytes();
        long count = 0;
        long millis = 0;
        for (final GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, gc.getCollectionCount());
            millis += Math.max(0, gc.getCollectionTime());
        }
        return new HeapTally(allocated, count, millis);
    }

    /**
     * From this tally until now: KB allocated per one of {@code count} things (named {@code per}: request,
     * reading) and the collections, as one line's text.
     */
    String untilNow(final double count, final String per) {
        final HeapTally end = now();
        return String.format(Locale.ROOT, "%.1f KB allocated per %s, %d collections, %d ms in them",
                (end.allocatedBytes - allocatedBytes) / 1024.0 / count, per, end.collections - collections,
                end.collectionMillis - collectionMillis);
    }
}
