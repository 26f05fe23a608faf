package dev.vigil.scoring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/** Scoring meters: readings scored, batch sizes, inference latency, and anomalies by device type. */
public final class ScoringMetrics {

    private final MeterRegistry registry;
    private final Counter scored;
    private final DistributionSummary batchSize;
    private final Timer inference;

    public ScoringMetrics(final MeterRegistry registry) {
        this.registry = registry;
        this.scored = Counter.builder("vigil.readings.scored").description("readings scored").register(registry);
        this.batchSize = DistributionSummary.builder("vigil.scoring.batch.size")
                .description("readings per model call").publishPercentileHistogram().register(registry);
        this.inference = Timer.builder("vigil.scoring.inference")
                .description("model time per batch").publishPercentileHistogram().register(registry);
    }

    void batch(final int size, final long inferenceNanos) {
        batchSize.record(size);
        inference.record(inferenceNanos, TimeUnit.NANOSECONDS);
        scored.increment(size);
    }

    void anomaly(final String deviceType) {
        registry.counter("vigil.anomalies", "device_type", deviceType == null ? "unregistered" : deviceType).increment();
    }
}
