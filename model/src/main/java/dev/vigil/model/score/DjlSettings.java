package dev.vigil.model.score;

/**
 * Engine settings DJL reads once, when the PyTorch engine first loads. Set here unless the JVM was started with
 * them: never download anything, and one intra-op and one inter-op thread (with more, batched throughput
 * collapsed whenever the other core was busy; see ../shared/notes/platform.md).
 */
public final class DjlSettings {

    private DjlSettings() {
    }

    public static void applyDefaults() {
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("ai.djl.pytorch.num_threads", "1");
        setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
    }

    private static void setIfAbsent(final String key, final String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
