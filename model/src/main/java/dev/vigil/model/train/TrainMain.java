package dev.vigil.model.train;

import dev.vigil.model.ModelMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * Trains a model and writes its artifact. Without arguments it regenerates the shipped default
 * ({@code model/src/main/resources/dev/vigil/model/default}) from the simulator's normal data.
 *
 * <pre>mvn -pl model exec:java -Dexec.args="[outDir] [version] [csv:PATH|simulator] [epochs]"</pre>
 */
public final class TrainMain {

    static final int WARMUP = 50;

    private TrainMain() {
    }

    public static void main(final String[] args) throws IOException {
        final Path out = Path.of(args.length > 0 ? args[0] : "src/main/resources/dev/vigil/model/default");
        final String version = args.length > 1 ? args[1] : "1";
        final String source = args.length > 2 ? args[2] : "simulator";
        final TrainingOptions options = args.length > 3
                ? TrainingOptions.defaults().withEpochs(Integer.parseInt(args[3])) : TrainingOptions.defaults();
        final List<float[]> windows = source.startsWith("csv:")
                ? TrainingData.fromSeries(TrainingData.readCsv(Path.of(source.substring(4))), options.windowSize(),
                        WARMUP, AutoencoderTrainer.DEFAULT_SIGMAS)
                : TrainingData.fromSimulator(options.seed(), 10, 200, Duration.ofSeconds(30), options.windowSize(),
                        WARMUP, AutoencoderTrainer.DEFAULT_SIGMAS);
        final long start = System.nanoTime();
        final Path staging = Files.createTempDirectory("vigil-train-");
        final ModelMetadata metadata = new AutoencoderTrainer()
                .train(windows, options, staging, "vigil-ae", version, source);
        System.out.printf("trained %s on %d windows in %.1f s; held-out error percentiles %s%n",
                metadata.modelVersion(), metadata.trainedOn().windows(), (System.nanoTime() - start) / 1e9,
                metadata.trainingError());
        // a model that flags its own held-out normal windows is not installed
        if (metadata.trainingError().get("p999") >= metadata.defaultThreshold()) {
            System.err.printf("refusing to write %s: held-out p99.9 error %.4f is not below the threshold %.2f "
                    + "(training did not converge; run again)%n", out, metadata.trainingError().get("p999"),
                    metadata.defaultThreshold());
            System.exit(1);
        }
        Files.createDirectories(out);
        try (Stream<Path> files = Files.list(staging)) {
            for (final Path file : (Iterable<Path>) files::iterator) {
                Files.move(file, out.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        System.out.println("wrote " + out.toAbsolutePath());
    }
}
