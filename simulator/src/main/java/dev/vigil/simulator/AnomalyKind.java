package dev.vigil.simulator;

/** The kinds of anomaly the simulator injects on purpose. Each injected anomaly is recorded as a {@link Label}. */
public enum AnomalyKind {
    /** One reading far outside the normal band (for temperature probes: 35-45 °C). */
    SPIKE
}
