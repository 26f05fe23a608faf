package dev.vigil.model.score;

/** The model could not score a batch. */
public final class ScoringException extends RuntimeException {

    public ScoringException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
