package dev.vigil.http;

import dev.vigil.feed.AnomalyFeed;
import io.javalin.http.Context;

/** {@code GET /api/anomalies?since=&limit=&deviceId=}: recent anomalies of the whole fleet, newest first. */
final class AnomalyHandler {

    private final AnomalyFeed feed;

    AnomalyHandler(final AnomalyFeed feed) {
        this.feed = feed;
    }

    void list(final Context ctx) {
        ctx.json(feed.recent(Params.instant(ctx, "since", null), Params.integer(ctx, "limit", 100, 1, 1000),
                ctx.queryParam("deviceId")));
    }
}
