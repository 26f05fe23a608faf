package dev.vigil.http;

import dev.vigil.feed.AnomalyFeed;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** {@code GET /api/anomalies?since=&limit=&deviceId=}: recent anomalies of the whole fleet, newest first. */
final class AnomalyHandler {

    private final AnomalyFeed feed;

    AnomalyHandler(final AnomalyFeed feed) {
        this.feed = feed;
    }

    void list(final Context ctx) {
        final int limit = ctx.queryParamAsClass("limit", Integer.class)
                .check(n -> n >= 1 && n <= 1000, "limit must be from 1 to 1000").getOrDefault(100);
        final String since = ctx.queryParam("since");
        Instant from = null;
        if (since != null && !since.isEmpty()) {
            try {
                from = Instant.parse(since);
            } catch (final DateTimeParseException e) {
                throw new BadRequestResponse("since must be an ISO-8601 instant such as 2026-11-22T10:00:00Z");
            }
        }
        ctx.json(feed.recent(from, limit, ctx.queryParam("deviceId")));
    }
}
