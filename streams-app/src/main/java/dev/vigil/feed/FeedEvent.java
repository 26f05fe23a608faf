package dev.vigil.feed;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.vigil.scoring.AnomalyRecord;

/**
 * One anomaly as the feed delivers it.
 *
 * @param id the SSE event id: the feed's position after this event (see {@link FeedPosition})
 * @param json the anomaly exactly as it is on the topic, sent as the SSE data (serialised once, not per client)
 */
public record FeedEvent(String id, int partition, long offset, AnomalyRecord anomaly, @JsonIgnore String json) {
}
