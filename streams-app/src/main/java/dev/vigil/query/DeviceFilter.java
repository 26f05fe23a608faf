package dev.vigil.query;

/**
 * Which devices to list: those after {@code cursor} (exclusive, null for the first page), of registry type
 * {@code type} (null for any), with at least one anomaly when {@code anomalous} is true.
 */
public record DeviceFilter(int limit, String cursor, String type, boolean anomalous) {

    public static final int MAX_LIMIT = 1000;

    public DeviceFilter {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
    }

    String query() {
        return "?limit=" + limit + (cursor == null ? "" : "&cursor=" + enc(cursor))
                + (type == null ? "" : "&type=" + enc(type)) + (anomalous ? "&anomalous=true" : "");
    }

    private static String enc(final String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
