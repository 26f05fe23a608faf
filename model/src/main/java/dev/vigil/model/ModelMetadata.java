package dev.vigil.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The metadata JSON that travels with every model artifact ({@code metadata.json} beside the parameters).
 *
 * @param format {@value #FORMAT_DJL} (parameters saved by DJL, network rebuilt from {@code hiddenSizes}) or
 *     {@value #FORMAT_TORCHSCRIPT} (a TorchScript file exported from PyTorch)
 * @param file the parameters file, relative to the metadata file
 * @param windowSize W, the number of consecutive readings of one metric the model reconstructs
 * @param hiddenSizes the dense layers between input and output, e.g. [8, 4, 8] for 16-8-4-8-16
 * @param normalisation how readings are scaled before they reach the model
 * @param defaultThreshold the reconstruction error above which a reading is anomalous, unless overridden
 * @param error what the reconstruction error is, in words
 * @param trainingError percentiles of the error over held-out normal windows (keys p50, p90, p99, p999, max)
 * @param trainedOn what the model was trained on
 */
public record ModelMetadata(
        String name,
        String version,
        String format,
        String file,
        int windowSize,
        List<Integer> hiddenSizes,
        NormalisationSpec normalisation,
        double defaultThreshold,
        String error,
        Map<String, Double> trainingError,
        TrainingSource trainedOn,
        Instant createdAt) {

    public static final String FORMAT_DJL = "djl";
    public static final String FORMAT_TORCHSCRIPT = "torchscript";
    public static final String ERROR_DEFINITION =
            "mean over the W points of the window of (normalised value - reconstruction)^2";

    /**
     * @param method {@code "warmup-sigma-range"}: range = mean ± sigmas·std of the warm-up readings, or the
     *     registry's expected range when one is given
     * @param sigmas half-width of the learned range in standard deviations
     */
    public record NormalisationSpec(String method, double sigmas) {
        public static final String WARMUP_SIGMA_RANGE = "warmup-sigma-range";
    }

    /**
     * @param source e.g. "simulator" or "csv:machine_temperature.csv"
     * @param levelJitter half-width of the random level offset added to each training window
     */
    public record TrainingSource(String source, long seed, int windows, int epochs, double levelJitter) {
    }

    /** The model's identity as it appears on every score: {@code name:version}. */
    public String modelVersion() {
        return name + ":" + version;
    }
}
