package dev.vigil.scoring;

import org.apache.kafka.streams.processor.Punctuator;

/** Flushes pending readings on wall-clock time, so a reading waits at most {@code batch.max.wait.ms}. */
final class FlushPunctuator implements Punctuator {

    private final BatchFlusher flusher;

    FlushPunctuator(final BatchFlusher flusher) {
        this.flusher = flusher;
    }

    @Override
    public void punctuate(final long timestamp) {
        flusher.flush();
    }
}
