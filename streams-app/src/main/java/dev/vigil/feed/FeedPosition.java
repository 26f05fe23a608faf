package dev.vigil.feed;

import java.util.Arrays;

/**
 * A position in the {@code anomalies} topic: for each partition, the offset of the next event not yet seen.
 * Offsets are the same on every instance, so an event id taken from one instance means the same on another:
 * a client that reconnects anywhere with {@code Last-Event-ID} gets exactly the events after it.
 * Encoded as the offsets joined by dots, partition 0 first (e.g. {@code 12.0.7}).
 */
public record FeedPosition(long[] next) {

    public static FeedPosition parse(final String id, final int partitions) {
        if (id == null || id.isBlank()) {
            return null;
        }
        final String[] parts = id.trim().split("\\.");
        if (parts.length != partitions) {
            throw new IllegalArgumentException("Last-Event-ID '" + id + "' has " + parts.length + " offsets, the topic has "
                    + partitions + " partitions");
        }
        final long[] next = new long[partitions];
        for (int i = 0; i < partitions; i++) {
            try {
                next[i] = Long.parseLong(parts[i]);
            } catch (final NumberFormatException e) {
                throw new IllegalArgumentException("Last-Event-ID '" + id + "' is not a Vigil event id");
            }
        }
        return new FeedPosition(next);
    }

    public boolean isAfter(final int partition, final long offset) {
        return offset < next[partition];
    }

    public String encode() {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < next.length; i++) {
            sb.append(i == 0 ? "" : ".").append(next[i]);
        }
        return sb.toString();
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof FeedPosition other && Arrays.equals(next, other.next);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(next);
    }
}
