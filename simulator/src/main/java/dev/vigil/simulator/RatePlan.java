package dev.vigil.simulator;

import java.time.Duration;

/**
 * How the message rate varies over (simulated) time: steady, or bursty: for {@code burstLength} out of every
 * {@code burstEvery}, each device sends {@code burstFactor} times as often.
 */
public record RatePlan(double burstFactor, Duration burstLength, Duration burstEvery) {

    public static final RatePlan STEADY = new RatePlan(1.0, Duration.ZERO, Duration.ofMinutes(1));

    public RatePlan {
        if (burstFactor < 1 || burstLength.isNegative() || burstEvery.isZero() || burstEvery.isNegative()
                || burstLength.compareTo(burstEvery) > 0) {
            throw new IllegalArgumentException("a burst needs factor >= 1 and 0 <= length <= period");
        }
    }

    /** Bursts of {@code factor}× the rate for {@code length} every {@code every}. */
    public static RatePlan bursty(final double factor, final Duration length, final Duration every) {
        return new RatePlan(factor, length, every);
    }

    /** The interval between two messages of one device, {@code sinceStart} into the run. */
    Duration intervalAt(final Duration base, final Duration sinceStart) {
        if (burstFactor == 1.0 || burstLength.isZero()) {
            return base;
        }
        final long inPeriod = Math.floorMod(sinceStart.toNanos(), burstEvery.toNanos());
        return inPeriod < burstLength.toNanos() ? Duration.ofNanos(Math.max(1, (long) (base.toNanos() / burstFactor)))
                : base;
    }
}
