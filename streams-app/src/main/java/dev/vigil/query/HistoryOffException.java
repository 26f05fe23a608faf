package dev.vigil.query;

/** The deployment keeps no score history ({@code history.retention.ms=0}): there is nothing to query. */
public final class HistoryOffException extends RuntimeException {

    public HistoryOffException() {
        super("this deployment keeps no score history (history.retention.ms=0); the scores are on the 'scores' topic");
    }
}
