package dev.vigil.gateway;

import dev.vigil.ingest.Telemetry;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

/**
 * What an edge gateway does before forwarding: at most one reading per device per {@code interval}, the latest
 * wins; optionally only when a metric moved by at least its deadband since the last forwarded reading (or when
 * the device was silent for {@code maxSilence}, so a steady device still shows it is alive).
 *
 * <p>Every offered reading's {@code done} runs exactly once: when it was superseded or fell inside the deadband
 * (dropped on purpose), or, if forwarded, once the forward completed. An interval of zero forwards at once.
 */
public final class EdgeAggregator implements AutoCloseable {

    /** Where forwarded readings go: {@code (reading, done)}. */
    public interface Forward extends BiConsumer<Telemetry, Runnable> {
    }

    private static final class Slot {
        private Telemetry pending;
        private Runnable pendingDone;
        private Map<String, Double> last;
        private long lastForwardMs = Long.MIN_VALUE / 2;
    }

    private final Deadband deadband;
    private final long maxSilenceMs;
    private final Forward forward;
    private final LongSupplier clockMs;
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();
    private final ScheduledExecutorService flusher;
    private final AtomicLong forwarded = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    public EdgeAggregator(final Duration interval, final Deadband deadband, final Duration maxSilence,
            final Forward forward, final LongSupplier clockMs) {
        this.deadband = deadband;
        this.maxSilenceMs = maxSilence.toMillis();
        this.forward = forward;
        this.clockMs = clockMs;
        if (interval.isZero()) {
            this.flusher = null;
        } else {
            this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
                final Thread t = new Thread(r, "edge-aggregator");
                t.setDaemon(true);
                return t;
            });
            flusher.scheduleAtFixedRate(this::flush, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Takes a reading; {@code done} runs once it is forwarded and written, or dropped on purpose. */
    public void offer(final Telemetry reading, final Runnable done) {
        final Slot slot = slots.computeIfAbsent(reading.deviceId(), id -> new Slot());
        Runnable superseded = null;
        synchronized (slot) {
            if (slot.pending != null) {
                superseded = slot.pendingDone;
                dropped.incrementAndGet();
            }
            slot.pending = reading;
            slot.pendingDone = done;
        }
        if (superseded != null) {
            superseded.run();
        }
        if (flusher == null) {
            flush(slot);
        }
    }

    /** Forwards or drops each device's pending reading (called every interval). */
    public void flush() {
        slots.values().forEach(this::flush);
    }

    private void flush(final Slot slot) {
        final Telemetry reading;
        final Runnable done;
        final boolean send;
        synchronized (slot) {
            if (slot.pending == null) {
                return;
            }
            reading = slot.pending;
            done = slot.pendingDone;
            slot.pending = null;
            slot.pendingDone = null;
            final long now = clockMs.getAsLong();
            send = slot.last == null || now - slot.lastForwardMs >= maxSilenceMs
                    || deadband.changed(slot.last, reading.readings());
            if (send) {
                slot.last = new HashMap<>(reading.readings());
                slot.lastForwardMs = now;
            }
        }
        if (send) {
            forwarded.incrementAndGet();
            forward.accept(reading, done);
        } else {
            dropped.incrementAndGet();
            done.run();
        }
    }

    /** Readings forwarded so far. */
    public long forwarded() {
        return forwarded.get();
    }

    /** Readings dropped on purpose so far (superseded within an interval, or inside the deadband). */
    public long dropped() {
        return dropped.get();
    }

    @Override
    public void close() {
        if (flusher != null) {
            flusher.shutdown();
            try {
                flusher.awaitTermination(5, TimeUnit.SECONDS);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            flush();
        }
    }

    /**
     * Per-metric deadbands: {@code temperature=0.5,accel_x=0.2,*=0.1} ({@code *} for every other metric). A metric
     * with no deadband always counts as changed; so does one that appears, disappears or goes missing.
     */
    public record Deadband(Map<String, Double> perMetric) {

        public static final Deadband NONE = new Deadband(Map.of());

        public Deadband {
            perMetric = Map.copyOf(perMetric);
        }

        public static Deadband parse(final String spec) {
            final Map<String, Double> m = new HashMap<>();
            if (spec != null && !spec.isBlank()) {
                for (final String part : spec.split(",")) {
                    final int eq = part.indexOf('=');
                    if (eq < 1) {
                        throw new IllegalArgumentException("deadband must look like temperature=0.5,*=0.1, was '" + spec + "'");
                    }
                    final double value = Double.parseDouble(part.substring(eq + 1).trim());
                    if (!(value >= 0)) {
                        throw new IllegalArgumentException("a deadband must be >= 0: '" + part + "'");
                    }
                    m.put(part.substring(0, eq).trim(), value);
                }
            }
            return new Deadband(m);
        }

        boolean changed(final Map<String, Double> last, final Map<String, Double> next) {
            if (perMetric.isEmpty() || !last.keySet().equals(next.keySet())) {
                return true;
            }
            for (final Map.Entry<String, Double> e : next.entrySet()) {
                final Double band = perMetric.getOrDefault(e.getKey(), perMetric.get("*"));
                final Double before = last.get(e.getKey());
                if (band == null || e.getValue() == null || before == null) {
                    if (band == null || !Objects.equals(before, e.getValue())) {
                        return true;
                    }
                } else if (Math.abs(e.getValue() - before) >= band) {
                    return true;
                }
            }
            return false;
        }
    }
}
