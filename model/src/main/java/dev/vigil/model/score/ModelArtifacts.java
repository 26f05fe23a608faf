package dev.vigil.model.score;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.vigil.model.Autoencoder;
import dev.vigil.model.ModelMetadata;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Reads and writes model artifacts: a directory with {@code metadata.json} and the parameters file it names.
 */
public final class ModelArtifacts {

    public static final String METADATA_FILE = "metadata.json";
    public static final String ENGINE = "PyTorch";
    /** Where the trained default artifact lives on the classpath. */
    public static final String DEFAULT_RESOURCE = "/dev/vigil/model/default/";

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private ModelArtifacts() {
    }

    public static ModelMetadata readMetadata(final Path dir) {
        try {
            return JSON.readValue(dir.resolve(METADATA_FILE).toFile(), ModelMetadata.class);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot read " + dir.resolve(METADATA_FILE), e);
        }
    }

    public static void writeMetadata(final Path dir, final ModelMetadata metadata) {
        try {
            Files.createDirectories(dir);
            JSON.writeValue(dir.resolve(METADATA_FILE).toFile(), metadata);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(METADATA_FILE), e);
        }
    }

    /** Loads the artifact in {@code dir} (DJL parameters or TorchScript, as its metadata says). */
    public static AutoencoderScorer load(final Path dir) {
        DjlSettings.applyDefaults();
        final ModelMetadata metadata = readMetadata(dir);
        final Model model = Model.newInstance(metadata.name(), ENGINE);
        try {
            if (ModelMetadata.FORMAT_DJL.equals(metadata.format())) {
                model.setBlock(Autoencoder.block(metadata.windowSize(), metadata.hiddenSizes()));
            } else if (!ModelMetadata.FORMAT_TORCHSCRIPT.equals(metadata.format())) {
                throw new IllegalArgumentException("unknown model format '" + metadata.format() + "' in " + dir);
            }
            model.load(dir, stem(metadata.file()));
            return new AutoencoderScorer(model, metadata);
        } catch (final IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new IllegalStateException("cannot load model from " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Loads the default artifact shipped in this jar. */
    public static AutoencoderScorer loadDefault() {
        final Path dir = extractDefault();
        try {
            return load(dir);
        } finally {
            deleteRecursively(dir);
        }
    }

    private static Path extractDefault() {
        try {
            final Path dir = Files.createTempDirectory("vigil-model-");
            copyResource(METADATA_FILE, dir);
            copyResource(readMetadata(dir).file(), dir);
            return dir;
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot extract the default model", e);
        }
    }

    private static void copyResource(final String name, final Path dir) throws IOException {
        try (InputStream in = ModelArtifacts.class.getResourceAsStream(DEFAULT_RESOURCE + name)) {
            if (in == null) {
                throw new IOException("resource " + DEFAULT_RESOURCE + name + " is missing from the classpath");
            }
            Files.copy(in, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** DJL's {@code model.load} takes the file name without the epoch suffix and extension. */
    static String stem(final String file) {
        if (file.endsWith(".pt")) {
            return file.substring(0, file.length() - 3);
        }
        return file.replaceFirst("-\\d{4}\\.params$", "");
    }

    static void deleteRecursively(final Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
