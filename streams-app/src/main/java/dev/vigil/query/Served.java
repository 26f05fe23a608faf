package dev.vigil.query;

/**
 * An answer and where it came from.
 *
 * @param source {@value #ACTIVE} (the partition's active store) or {@value #STANDBY} (a standby replica)
 * @param servedBy the instance whose store answered ({@code host:port})
 * @param lag for a standby, its offset lag behind the active (0 for the active)
 */
public record Served<T>(T body, String source, String servedBy, long lag) {

    public static final String ACTIVE = "active";
    public static final String STANDBY = "standby";
    /** Response headers carrying the fields above. */
    public static final String SOURCE_HEADER = "X-Vigil-Source";
    public static final String SERVED_BY_HEADER = "X-Vigil-Served-By";
    public static final String LAG_HEADER = "X-Vigil-Standby-Lag";
}
