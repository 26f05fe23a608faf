package dev.vigil.query;

import dev.vigil.registry.Device;
import dev.vigil.state.DeviceState;
import java.time.Instant;
import java.util.Map;

/**
 * The body of {@code GET /api/devices/{id}}.
 *
 * @param registry the device's registry entry (null when unregistered)
 * @param latest the newest reading of each metric
 * @param state the full state: windows, running statistics, counts, last anomaly (null before the first reading)
 * @param servedBy the instance ({@code host:port}) whose store answered
 */
public record DeviceView(String deviceId, Device registry, Map<String, Latest> latest, DeviceState state,
        String servedBy) {

    /** One metric's newest reading. */
    public record Latest(Double value, Instant timestamp, boolean imputed) {
    }
}
