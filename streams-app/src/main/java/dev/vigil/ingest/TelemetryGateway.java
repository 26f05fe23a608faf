package dev.vigil.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.topology.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Takes telemetry over HTTP ({@code POST /api/telemetry}): one message or an array of up to {@code maxItems},
 * each validated exactly as the stream validates it ({@link TelemetryParser}). All or nothing: if any item is
 * invalid, nothing is written and every problem is reported by index; otherwise every item is written to
 * {@code telemetry} (key = device id, value = the item as sent) and the call returns after the broker
 * acknowledged all of them, so nothing accepted can be lost.
 */
public final class TelemetryGateway {

    /** One rejected item of a batch. */
    public record ItemError(int index, DlqReason reason, String detail) {
    }

    /** The outcome: either {@code accepted} items were written, or {@code errors} says why none were. */
    public record Result(int accepted, List<ItemError> errors) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    private final Producer<String, byte[]> producer;
    private final TelemetryParser parser;
    private final ObjectMapper mapper;
    private final int maxItems;
    private final Clock clock;

    public TelemetryGateway(final Producer<String, byte[]> producer, final TelemetryParser parser,
            final ObjectMapper mapper, final int maxItems, final Clock clock) {
        this.producer = producer;
        this.parser = parser;
        this.mapper = mapper;
        this.maxItems = maxItems;
        this.clock = clock;
    }

    public Result accept(final byte[] body) {
        final JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (final IOException e) {
            return failed(new ItemError(-1, DlqReason.MALFORMED_JSON, "the body is not JSON: "
                    + TelemetryParser.firstLine(e.getMessage())));
        }
        final List<JsonNode> items = new ArrayList<>();
        if (root != null && root.isArray()) {
            root.forEach(items::add);
        } else if (root != null) {
            items.add(root);
        }
        if (items.isEmpty()) {
            return failed(new ItemError(-1, DlqReason.NO_READINGS, "no telemetry in the body"));
        }
        if (items.size() > maxItems) {
            return failed(new ItemError(-1, DlqReason.OVERSIZED, items.size() + " items, limit " + maxItems
                    + " (ingest.http.max.items)"));
        }
        final List<ProducerRecord<String, byte[]>> records = new ArrayList<>(items.size());
        final List<ItemError> errors = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            final byte[] bytes = bytes(items.get(i));
            final ParseResult result = parser.parse(null, bytes, clock.millis());
            if (result instanceof ParseResult.Valid valid) {
                records.add(new ProducerRecord<>(Topics.TELEMETRY, valid.telemetry().deviceId(), bytes));
            } else if (result instanceof ParseResult.Invalid invalid) {
                errors.add(new ItemError(i, invalid.reason(), invalid.detail()));
            }
        }
        if (!errors.isEmpty()) {
            return new Result(0, List.copyOf(errors));
        }
        writeAndAwait(records);
        return new Result(records.size(), List.of());
    }

    private void writeAndAwait(final List<ProducerRecord<String, byte[]>> records) {
        final List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
        records.forEach(r -> sent.add(producer.send(r)));
        try {
            for (final Future<RecordMetadata> f : sent) {
                f.get(30, TimeUnit.SECONDS);
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing telemetry", e);
        } catch (final ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge the telemetry: " + e, e);
        }
    }

    private byte[] bytes(final JsonNode item) {
        try {
            return mapper.writeValueAsString(item).getBytes(StandardCharsets.UTF_8);
        } catch (final JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Result failed(final ItemError error) {
        return new Result(0, List.of(error));
    }
}
