package dev.vigil.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.topology.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Validates a command and writes it to {@code commands} (key = device id), returning after Kafka acknowledged
 * it. The names and arguments devices understand are listed in the README.
 */
public final class CommandService {

    /** Each command name with the arguments it takes. */
    static final Map<String, Set<String>> ARGUMENTS = Map.of(
            "reset", Set.of(),
            "set-rate", Set.of("intervalMs"),
            "set-offline", Set.of(),
            "set-online", Set.of(),
            "inject", Set.of("kind", "metric", "readings"));
    static final List<String> KINDS = List.of("spike", "dip", "level-shift", "drift", "stuck-at", "noise-burst",
            "dropout");
    private static final long MAX_TTL_MS = Duration.ofDays(1).toMillis();

    private final Producer<String, byte[]> producer;
    private final ObjectMapper mapper;
    private final Duration ttl;
    private final Clock clock;
    private final Predicate<String> registered;

    /** @param registered whether a device id is in the registry (commands go to registered devices only) */
    public CommandService(final Producer<String, byte[]> producer, final ObjectMapper mapper, final Duration ttl,
            final Clock clock, final Predicate<String> registered) {
        this.registered = registered;
        this.producer = producer;
        this.mapper = mapper;
        this.ttl = ttl;
        this.clock = clock;
    }

    /**
     * Writes the command; empty when the device is not registered; {@link IllegalArgumentException} says what is
     * wrong with a bad one.
     */
    public Optional<CommandStatus> issue(final String deviceId, final CommandRequest request) {
        validate(request);
        if (!registered.test(deviceId)) {
            return Optional.empty();
        }
        final Instant now = clock.instant();
        final long ttlMs = request.ttlMs() == null ? ttl.toMillis() : request.ttlMs();
        final Command command = new Command(UUID.randomUUID().toString(), deviceId, request.name(), request.args(),
                now, now.plusMillis(ttlMs));
        try {
            producer.send(new ProducerRecord<>(Topics.COMMANDS, deviceId, mapper.writeValueAsBytes(command)))
                    .get(30, TimeUnit.SECONDS);
        } catch (final JsonProcessingException e) {
            throw new IllegalArgumentException("arguments cannot be written as JSON: " + e.getOriginalMessage());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing the command", e);
        } catch (final ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge the command: " + e, e);
        }
        return Optional.of(CommandStatus.sent(command));
    }

    static void validate(final CommandRequest request) {
        if (request == null || request.name() == null || !ARGUMENTS.containsKey(request.name())) {
            throw new IllegalArgumentException("name must be one of " + ARGUMENTS.keySet().stream().sorted().toList());
        }
        if (request.ttlMs() != null && (request.ttlMs() < 1 || request.ttlMs() > MAX_TTL_MS)) {
            throw new IllegalArgumentException("ttlMs must be between 1 and " + MAX_TTL_MS);
        }
        final Map<String, Object> args = request.args() == null ? Map.of() : request.args();
        final Set<String> allowed = ARGUMENTS.get(request.name());
        for (final String arg : args.keySet()) {
            if (!allowed.contains(arg)) {
                throw new IllegalArgumentException("'" + request.name() + "' takes no argument '" + arg + "'"
                        + (allowed.isEmpty() ? "" : "; it takes " + allowed.stream().sorted().toList()));
            }
        }
        switch (request.name()) {
            case "set-rate" -> integer(args, "intervalMs", true, 10, 86_400_000);
            case "inject" -> {
                final Object kind = args.get("kind");
                if (kind != null && !KINDS.contains(kind.toString())) {
                    throw new IllegalArgumentException("kind must be one of " + KINDS);
                }
                if (args.containsKey("metric") && !(args.get("metric") instanceof String)) {
                    throw new IllegalArgumentException("metric must be a string");
                }
                integer(args, "readings", false, 1, 10_000);
            }
            default -> {
                // no arguments
            }
        }
    }

    private static void integer(final Map<String, Object> args, final String name, final boolean required,
            final long min, final long max) {
        final Object value = args.get(name);
        if (value == null && !required) {
            return;
        }
        if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
                || n.longValue() < min || n.longValue() > max) {
            throw new IllegalArgumentException(name + " must be an integer between " + min + " and " + max);
        }
    }
}
