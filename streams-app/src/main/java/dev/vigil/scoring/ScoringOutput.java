package dev.vigil.scoring;

import dev.vigil.fleet.MetricScale;
import dev.vigil.ingest.DeadLetter;

/** What the scoring processor emits; the topology routes each kind to its topic. */
public sealed interface ScoringOutput {

    record Scored(ScoreRecord score) implements ScoringOutput {
    }

    record Anomalous(AnomalyRecord anomaly) implements ScoringOutput {
    }

    record Rejected(DeadLetter deadLetter) implements ScoringOutput {
    }

    /** A device's learned range of a metric settled; keyed by {@link MetricScale#key}, a null scale is a tombstone. */
    record Learned(MetricScale scale) implements ScoringOutput {
    }
}
