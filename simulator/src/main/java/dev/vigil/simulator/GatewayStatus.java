package dev.vigil.simulator;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulator acting as a gateway reports its own status like any device: the process's CPU use (percent of
 * one machine), its heap in use and the messages it forwarded per second since the last report.
 */
final class GatewayStatus {

    static final String TYPE = "gateway";

    private final String deviceId;
    private long lastCount;
    private Instant lastTime;

    GatewayStatus(final String deviceId) {
        this.deviceId = deviceId;
    }

    RegistryEntry registryEntry() {
        return new RegistryEntry(deviceId, "Gateway " + deviceId, TYPE, "simulator");
    }

    /** A status message stamped {@code time}; {@code sentSoFar} is the forwarded message count. */
    Sample report(final Instant time, final Instant wallNow, final long sentSoFar) {
        final Map<String, Double> readings = new LinkedHashMap<>();
        readings.put("cpu_percent", cpuPercent());
        final Runtime rt = Runtime.getRuntime();
        readings.put("memory_used_mb", round((rt.totalMemory() - rt.freeMemory()) / 1_048_576.0));
        readings.put("memory_max_mb", round(rt.maxMemory() / 1_048_576.0));
        if (lastTime != null && wallNow.isAfter(lastTime)) {
            final double seconds = (wallNow.toEpochMilli() - lastTime.toEpochMilli()) / 1000.0;
            readings.put("messages_per_second", round((sentSoFar - lastCount) / seconds));
        }
        lastCount = sentSoFar;
        lastTime = wallNow;
        return new Sample(deviceId, time, readings, List.of());
    }

    /** The process's CPU load in percent, or null when the JVM cannot tell. */
    private static Double cpuPercent() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            final double load = os.getProcessCpuLoad();
            return load < 0 ? null : round(load * 100);
        }
        return null;
    }

    private static double round(final double value) {
        return Math.round(value * 100.0) / 100.0;
    }
}
