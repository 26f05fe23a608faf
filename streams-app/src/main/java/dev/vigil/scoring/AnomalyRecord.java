package dev.vigil.scoring;

import java.time.Instant;

/** A value of the {@code anomalies} topic: an anomalous reading and why it is one. */
public record AnomalyRecord(
        String deviceId,
        String deviceType,
        String metric,
        Instant timestamp,
        double value,
        boolean imputed,
        double reconstructionError,
        double threshold,
        String modelVersion,
        String detector,
        Explanation explanation) {

    /**
     * @param window the W readings ending with this one, in the metric's units
     * @param normalisedWindow the same after normalisation: what the model saw
     * @param reconstruction the model's reconstruction of {@code normalisedWindow}
     * @param reconstructedWindow the reconstruction in the metric's units
     * @param normalisationRange the values mapped to 0 and 1
     * @param pointError the squared residual of the newest point (this reading)
     * @param zScore the reading against the device's running mean and standard deviation (before it)
     * @param error how {@code reconstructionError} is computed
     */
    public record Explanation(
            double[] window,
            double[] normalisedWindow,
            double[] reconstruction,
            double[] reconstructedWindow,
            double[] normalisationRange,
            double reconstructionError,
            double pointError,
            double threshold,
            double zScore,
            double mean,
            double std,
            String error) {
    }
}
