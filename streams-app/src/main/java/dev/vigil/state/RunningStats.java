package dev.vigil.state;

/** Count, mean and sum of squared deviations of every real (not imputed) reading: Welford's algorithm. */
public record RunningStats(long count, double mean, double m2) {

    public static final RunningStats EMPTY = new RunningStats(0, 0, 0);

    public RunningStats add(final double x) {
        final long n = count + 1;
        final double delta = x - mean;
        final double newMean = mean + delta / n;
        return new RunningStats(n, newMean, m2 + delta * (x - newMean));
    }

    /** The population standard deviation (0 for fewer than two readings). */
    public double std() {
        return count < 2 ? 0 : Math.sqrt(m2 / count);
    }
}
