package dev.vigil.feed;

import dev.vigil.scoring.AnomalyRecord;

/**
 * One anomaly as the feed delivers it.
 *
 * @param id the SSE event id: the feed's position after this event (see {@link FeedPosition})
 */
public record FeedEvent(String id, int partition, long offset, AnomalyRecord anomaly) {
}
