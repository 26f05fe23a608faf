package dev.vigil.bench;

import dev.vigil.app.VigilApp;
import dev.vigil.config.VigilConfig;
import dev.vigil.evaluate.ScratchDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;

/**
 * State size and restore time: DEVICES devices send READINGS readings each through one Vigil instance (local
 * broker, same JVM); then the local state directory and the changelog topics are measured, the instance is
 * stopped, its state directory deleted, and a new instance's time from start to RUNNING (every store restored
 * from its changelog) is timed; the heap in use after a full GC is printed before the new instance starts and once it
 * runs, so that a store kept in memory (the device state, by default) shows what it costs there. It reports; it
 * asserts nothing.
 *
 * <pre>mvn -q -pl streams-app exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.vigil.bench.StateBenchmark \
 *     -Dexec.args="DEVICES READINGS [SETTING=VALUE ...]"      (defaults: 100000 20; settings as in the README)</pre>
 */
public final class StateBenchmark {

    private static final String APP = "vigil-state-bench";

    private StateBenchmark() {
    }

    public static void main(final String[] args) throws Exception {
        final int devices = BenchRig.intArg(args, 0, 100_000);
        final int readings = BenchRig.intArg(args, 1, 20);
        final Map<String, String> settings = BenchRig.settings(args, 2);
        try (BenchRig rig = BenchRig.start("vigil-state-bench-")) {
            final Path state = rig.dir().resolve("state");
            final VigilApp first = start(rig, state, settings);
            final long start = System.nanoTime();
            rig.produce(devices, readings);
            rig.awaitCommitted(APP, (long) devices * readings);
            System.out.printf(Locale.ROOT, "%,d devices x %d readings processed in %.0f s%n", devices, readings,
                    (System.nanoTime() - start) / 1e9);
            first.close();
            System.out.printf(Locale.ROOT, "local state directory: %,.1f MB; changelog topics: %s%n",
                    size(state) / 1e6, changelogSizes(rig.bootstrap()));
            ScratchDir.delete(state);
            final long heapBefore = heapAfterGc();
            final long restoreStart = System.nanoTime();
            final VigilApp second = start(rig, state, settings);
            while (second.state() != KafkaStreams.State.RUNNING) {
                Thread.sleep(50);
            }
            System.out.printf(Locale.ROOT, "restore from the changelogs into an empty state directory: %.1f s to RUNNING "
                    + "(%,.1f MB restored on disk)%n", (System.nanoTime() - restoreStart) / 1e9, size(state) / 1e6);
            System.out.printf(Locale.ROOT, "heap in use after a full GC: %,.1f MB before the new instance, %,.1f MB once "
                    + "it runs%n", heapBefore / 1e6, heapAfterGc() / 1e6);
            second.close();
        }
        System.exit(0);
    }

    private static VigilApp start(final BenchRig rig, final Path state, final Map<String, String> settings) {
        final Map<String, String> all = new java.util.HashMap<>(settings);
        all.putAll(Map.of(VigilConfig.APPLICATION_ID, APP, VigilConfig.STATE_DIR, state.toString()));
        return rig.app(all);
    }

    private static long heapAfterGc() {
        System.gc();
        final Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static String changelogSizes(final String bootstrap) throws Exception {
        final Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            final Map<String, Long> bytes = new java.util.TreeMap<>();
            for (final Map<String, LogDirDescription> node : admin.describeLogDirs(List.of(1)).allDescriptions().get().values()) {
                for (final LogDirDescription d : node.values()) {
                    for (final Map.Entry<TopicPartition, ReplicaInfo> r : d.replicaInfos().entrySet()) {
                        if (r.getKey().topic().endsWith("-changelog")) {
                            bytes.merge(r.getKey().topic().replace(APP + "-", ""), r.getValue().size(), Long::sum);
                        }
                    }
                }
            }
            final StringBuilder out = new StringBuilder();
            bytes.forEach((topic, size) -> out.append(String.format(Locale.ROOT, "%s %,.1f MB; ", topic, size / 1e6)));
            return out.toString();
        }
    }

    private static long size(final Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }
}
