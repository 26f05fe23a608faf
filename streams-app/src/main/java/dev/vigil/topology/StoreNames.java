package dev.vigil.topology;

/** State store names; the interactive-query layer and the tests use the same constants. */
public final class StoreNames {

    /** Per-device state ({@link dev.vigil.state.DeviceState}), in memory (or RocksDB, {@code state.store}), changelogged. */
    public static final String DEVICE_STATE = "device-state";
    /** Readings waiting to be scored ({@link dev.vigil.scoring.PendingScore}), in memory, changelogged. */
    public static final String PENDING_SCORES = "pending-scores";
    /** Scores by device and reading time ({@link dev.vigil.scoring.ScoreRecord}), a window store, changelogged. */
    public static final String SCORE_HISTORY = "score-history";
    /** Each device's latest commands and their states ({@link dev.vigil.command.CommandLog}), changelogged. */
    public static final String DEVICE_COMMANDS = "device-commands";
    /** The device registry, a global store fed by the {@code devices} topic. */
    public static final String REGISTRY = "device-registry";

    /**
     * Each fleet's counted noise scales per metric ({@link dev.vigil.fleet.ScaleCounts}), a global store in memory kept
     * from the {@code metric-scales} topic by {@link dev.vigil.fleet.FleetScaleCounter}.
     */
    public static final String FLEET_SCALES = "fleet-scales";

    private StoreNames() {
    }

    /** The changelog topic Kafka Streams names for {@code store} of the application {@code applicationId}. */
    public static String changelog(final String applicationId, final String store) {
        return applicationId + "-" + store + "-changelog";
    }
}
