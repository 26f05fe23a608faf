package dev.vigil.bench;

import dev.vigil.config.VigilConfig;
import dev.vigil.evaluate.Evaluations;
import dev.vigil.fleet.FleetScales;
import dev.vigil.ingest.Telemetry;
import dev.vigil.model.score.AutoencoderScorer;
import dev.vigil.model.score.ModelArtifacts;
import dev.vigil.registry.Device;
import dev.vigil.scoring.PendingScore;
import dev.vigil.scoring.ScoringSettings;
import dev.vigil.simulator.AnomalyKind;
import dev.vigil.simulator.FleetGenerator;
import dev.vigil.simulator.RatePlan;
import dev.vigil.simulator.Sample;
import dev.vigil.state.DeviceState;
import dev.vigil.state.DeviceStateUpdater;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A fingerprint of everything {@link DeviceStateUpdater} decides on simulated fleets: every reading it queues for
 * scoring (value, window, range, threshold, rule, movement) and every metric state it writes (range, warm-up, reviews,
 * runs, envelope, movements), hashed with SHA-256, for seeds × every anomaly kind × TICKS simulated seconds of the
 * evaluation's fleets (20 probes, 10 doors, 10 air-quality monitors) at the evaluation's anomaly rate, with a fixed
 * fleet scale of 3 for every {@code light} metric so that the fleet path runs too. No Kafka, no model call: the state
 * update alone, deterministic. A change meant to keep behaviour (a refactoring) prints the same line before and after;
 * it reports, it asserts nothing.
 *
 * <pre>mvn -q -pl streams-app exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.vigil.bench.DecisionFingerprint \
 *     -Dexec.args="[SEEDS [TICKS]]"      (defaults: 42,13,808 3000; about 3 minutes)</pre>
 */
public final class DecisionFingerprint {

    private static final double ANOMALY_RATE = Double.parseDouble(Evaluations.DEFAULT_ANOMALY_RATE);
    private static final double LIGHT_FLEET_SCALE = 3;

    private DecisionFingerprint() {
    }

    public static void main(final String[] args) throws Exception {
        final long[] seeds = Arrays.stream((args.length > 0 ? args[0] : "42,13,808").split(","))
                .mapToLong(Long::parseLong).toArray();
        final int ticks = BenchRig.intArg(args, 1, 3000);
        final ScoringSettings settings;
        try (AutoencoderScorer model = ModelArtifacts.loadDefault()) {
            settings = ScoringSettings.from(VigilConfig.of(Map.of()), model.metadata());
        }
        final MessageDigest digest = MessageDigest.getInstance("SHA-256");
        final long[] counts = new long[3];
        for (final long seed : seeds) {
            for (final AnomalyKind kind : AnomalyKind.values()) {
                replay(seed, kind, ticks, settings, digest, counts);
            }
        }
        System.out.printf("decisions %s: seeds %s, %d s: %d scored readings, %d flagged by a rule, %d explained by a"
                + " movement%n", HexFormat.of().formatHex(digest.digest()), Arrays.toString(seeds), ticks, counts[0],
                counts[1], counts[2]);
    }

    private static void replay(final long seed, final AnomalyKind kind, final int ticks, final ScoringSettings settings,
            final MessageDigest digest, final long[] counts) {
        final Instant start = Instant.parse("2026-01-01T00:00:00Z");
        final FleetGenerator generator = new FleetGenerator(Evaluations.defaultFleets(), seed, ANOMALY_RATE,
                List.of(kind), Duration.ofSeconds(1), RatePlan.STEADY, start);
        final Map<String, Device> registry = Evaluations.registry(generator);
        final FleetScales lightFleet = (type, metric) -> "light".equals(metric) ? LIGHT_FLEET_SCALE : Double.NaN;
        final DeviceStateUpdater updater = new DeviceStateUpdater(settings, lightFleet);
        final Map<String, DeviceState> states = new HashMap<>();
        for (final Sample sample : generator.advance(start.plusSeconds(ticks - 1L))) {
            final DeviceStateUpdater.Update update = updater.apply(states.get(sample.deviceId()),
                    new Telemetry(sample.deviceId(), sample.timestamp(), sample.readings()),
                    registry.get(sample.deviceId()), 0);
            states.put(sample.deviceId(), update.state());
            for (final PendingScore p : update.toScore()) {
                counts[0]++;
                counts[1] += p.rule() == null ? 0 : 1;
                counts[2] += p.movement() ? 1 : 0;
                hash(digest, p.deviceId(), p.metric(), p.timestamp(), p.value(), Arrays.toString(p.window()),
                        p.normalisation(), p.threshold(), p.zScore(), p.rule(), p.movement());
            }
            hash(digest, update.duplicates(), update.outOfOrder(), update.scales());
            final DeviceState state = update.state();
            hash(digest, state.messages(), state.movedAt(), state.movingSince(), state.movements());
            state.metrics().forEach((metric, m) -> hash(digest, metric, m.learned(), Arrays.toString(m.warmup()),
                    m.reviewed(), m.varies(), m.sameRun(), m.resting(), m.missingRun(), m.envelope(),
                    m.movementExcursion(), Arrays.toString(m.movementExcursions()), m.peak()));
        }
    }

    private static void hash(final MessageDigest digest, final Object... fields) {
        digest.update(Arrays.toString(fields).getBytes(StandardCharsets.UTF_8));
    }
}
