package dev.vigil.scoring;

import dev.vigil.config.VigilConfig;
import dev.vigil.model.ModelMetadata;
import java.time.Duration;

/**
 * How readings are scored.
 *
 * @param windowSize W, from the model
 * @param warmupReadings real readings per (device, metric) before its normalisation is learned
 * @param provisionalWarmup score during warm-up, once the window is full, with a range learned from the warm-up
 *     readings before each one
 * @param reviewWarmup after warm-up, learn the range again from blocks of {@code warmupReadings} real readings and
 *     take a block's if it is less than half as wide as the range in force, or shows noise on one level outside it
 *     (the warm-up held an anomaly)
 * @param reviewBlocks how many such blocks, one after the other
 * @param sigmas half-width of the learned range in standard deviations, from the model
 * @param threshold the global threshold: {@code threshold} if configured, else the model's default (0.01)
 * @param batchMaxSize flush as soon as this many readings are pending
 * @param batchMaxWait flush at least this often (wall-clock time)
 * @param historyRetention how long scores are kept in the history store; zero: no history store at all (the
 *     stream thread's CPU per reading 15.2 → 9.0 µs in the standard benchmark, BENCHMARKS.md, session 12)
 * @param stuckReadings flag the n-th identical value in a row (0: off)
 * @param missingReadings flag the n-th missing reading in a row (0: off)
 * @param envelopeDeviations flag a reading beyond every value before its window by this many of the range's noise
 *     deviations (its half-width over {@code sigmas}; 0: off)
 * @param holdoffReadings after an autoencoder alarm, the series' next n − 1 readings are not flagged by it (0: off)
 * @param escalationReadings within n readings of the largest recent error of the series' readings the model would flag
 *     (no calm window since), the autoencoder flags only a larger one ({@link dev.vigil.state.ErrorPeak}; 0: off)
 * @param movementMetrics metrics of a device off in one message that start a device movement (0: not tracked;
 *     {@link dev.vigil.state.DeviceMovements})
 * @param movementsNormalAfter movements a device completes before its movements explain autoencoder alarms
 * @param stateCacheDevices device states each scoring task keeps deserialised (0: none; the store is the truth)
 * @param stateInMemory keep the device-state store in memory ({@code state.store=memory}, the default) rather than in
 *     RocksDB ({@code rocksdb}): 24% more readings per second under exactly-once (BENCHMARKS.md), but every instance
 *     holds its devices' states on the heap (about 0.35-0.7 KB each, measured) and replays their changelog on every
 *     start (1M devices: 3.8 s)
 */
public record ScoringSettings(
        int windowSize,
        int warmupReadings,
        boolean provisionalWarmup,
        boolean reviewWarmup,
        int reviewBlocks,
        double sigmas,
        double threshold,
        String modelVersion,
        int batchMaxSize,
        Duration batchMaxWait,
        Duration historyRetention,
        int stuckReadings,
        int missingReadings,
        double envelopeDeviations,
        int holdoffReadings,
        int escalationReadings,
        int movementMetrics,
        int movementsNormalAfter,
        int stateCacheDevices,
        boolean stateInMemory) {

    public ScoringSettings {
        if (warmupReadings < windowSize) {
            throw new IllegalArgumentException(VigilConfig.WARMUP_READINGS + " (" + warmupReadings
                    + ") must be at least the model's window size " + windowSize);
        }
        if (!(threshold > 0)) {
            throw new IllegalArgumentException("threshold must be positive, was " + threshold);
        }
        if (reviewBlocks < 1) {
            throw new IllegalArgumentException(VigilConfig.WARMUP_REVIEW_BLOCKS + " must be >= 1, was " + reviewBlocks);
        }
        if (movementMetrics < 0 || movementsNormalAfter < 0) {
            throw new IllegalArgumentException(VigilConfig.MOVEMENTS_METRICS + " and " + VigilConfig.MOVEMENTS_NORMAL_AFTER
                    + " must be >= 0, were " + movementMetrics + " and " + movementsNormalAfter);
        }
        if (!(envelopeDeviations >= 0)) {
            throw new IllegalArgumentException(VigilConfig.RULES_ENVELOPE_DEVIATIONS + " must be >= 0, was "
                    + envelopeDeviations);
        }
        if (holdoffReadings < 0 || escalationReadings < 0) {
            throw new IllegalArgumentException(VigilConfig.ALARMS_HOLDOFF_READINGS + " and "
                    + VigilConfig.ALARMS_ESCALATION_READINGS + " must be >= 0, were " + holdoffReadings + " and "
                    + escalationReadings);
        }
        if (stateCacheDevices < 0) {
            throw new IllegalArgumentException(VigilConfig.STATE_CACHE_DEVICES + " must be >= 0, was " + stateCacheDevices);
        }
        if (historyRetention.isNegative()) {
            throw new IllegalArgumentException(VigilConfig.HISTORY_RETENTION_MS + " must be >= 0 (0: no history), was "
                    + historyRetention.toMillis());
        }
        if (batchMaxSize < 1 || batchMaxWait.isNegative() || batchMaxWait.isZero()) {
            throw new IllegalArgumentException("batch.max.size must be >= 1 and batch.max.wait.ms > 0");
        }
    }

    /**
     * The run length the stuck rule flags, at least 2: runs this long are left out when deciding whether a metric
     * varies.
     */
    public int stuckRun() {
        return Math.max(2, stuckReadings);
    }

    /** Whether scores are kept in the {@code score-history} store ({@code history.retention.ms} above 0). */
    public boolean historyKept() {
        return !historyRetention.isZero();
    }

    public static ScoringSettings from(final VigilConfig config, final ModelMetadata model) {
        final double threshold = config.isSet(VigilConfig.THRESHOLD)
                ? config.getDouble(VigilConfig.THRESHOLD) : model.defaultThreshold();
        return new ScoringSettings(model.windowSize(), config.getInt(VigilConfig.WARMUP_READINGS),
                config.getBoolean(VigilConfig.WARMUP_PROVISIONAL), config.getBoolean(VigilConfig.WARMUP_REVIEW),
                config.getInt(VigilConfig.WARMUP_REVIEW_BLOCKS), model.normalisation().sigmas(), threshold,
                model.modelVersion(),
                config.getInt(VigilConfig.BATCH_MAX_SIZE), config.getMillis(VigilConfig.BATCH_MAX_WAIT_MS),
                config.getMillis(VigilConfig.HISTORY_RETENTION_MS), config.getInt(VigilConfig.RULES_STUCK_READINGS),
                config.getInt(VigilConfig.RULES_MISSING_READINGS), config.getDouble(VigilConfig.RULES_ENVELOPE_DEVIATIONS),
                config.getInt(VigilConfig.ALARMS_HOLDOFF_READINGS), config.getInt(VigilConfig.ALARMS_ESCALATION_READINGS),
                config.getInt(VigilConfig.MOVEMENTS_METRICS), config.getInt(VigilConfig.MOVEMENTS_NORMAL_AFTER),
                config.getInt(VigilConfig.STATE_CACHE_DEVICES), inMemory(config.get(VigilConfig.STATE_STORE)));
    }

    private static boolean inMemory(final String store) {
        return switch (store) {
            case "rocksdb" -> false;
            case "memory" -> true;
            default -> throw new IllegalArgumentException(VigilConfig.STATE_STORE + " must be rocksdb or memory, was '"
                    + store + "'");
        };
    }
}
