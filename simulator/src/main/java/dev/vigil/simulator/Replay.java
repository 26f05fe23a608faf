package dev.vigil.simulator;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends a recorded series as one device through the options' transport: as fast as possible ({@code speed} 0)
 * or paced by the original gaps divided by {@code speed}. The device is registered as type {@code replay}.
 */
public final class Replay implements AutoCloseable {

    public static final String TYPE = "replay";
    private static final int CHUNK = 500;

    private final SimulatorOptions options;
    private final Producer<String, byte[]> producer;
    private final SimulatorJson json = new SimulatorJson();
    private final TelemetrySink sink;
    private final Clock clock;

    public Replay(final SimulatorOptions options) {
        this(options, options.hasKafka() ? new KafkaProducer<>(Simulator.producerConfig(options.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer()) : null, Clock.systemUTC());
    }

    Replay(final SimulatorOptions options, final Producer<String, byte[]> producer, final Clock clock) {
        this.options = options;
        this.producer = producer;
        this.sink = TelemetrySink.of(options, producer, json);
        this.clock = clock;
    }

    /** Registers the device, sends every sample, waits for delivery; returns how many were sent. */
    public long run(final ReplaySeries series, final Path source, final double speed)
            throws InterruptedException, ExecutionException {
        if (speed < 0) {
            throw new IllegalArgumentException("speed must be >= 0 (0 = as fast as possible)");
        }
        Simulator.register(List.of(new RegistryEntry(series.deviceId(), "Replay of " + source.getFileName(), TYPE,
                source.toString())), sink, producer, options, json);
        final Instant wallStart = clock.instant();
        final List<Sample> chunk = new ArrayList<>(CHUNK);
        long sent = 0;
        for (final Sample sample : series.samples()) {
            if (speed > 0) {
                final Duration offset = Duration.between(series.samples().get(0).timestamp(), sample.timestamp());
                final long waitMs = Duration.between(clock.instant(),
                        wallStart.plusMillis((long) (offset.toMillis() / speed))).toMillis();
                if (waitMs > 0) {
                    sink.send(chunk);
                    chunk.clear();
                    Thread.sleep(waitMs);
                }
            }
            chunk.add(sample);
            sent++;
            if (chunk.size() == CHUNK) {
                sink.send(chunk);
                chunk.clear();
            }
        }
        sink.send(chunk);
        sink.flush();
        return sent;
    }

    @Override
    public void close() {
        sink.close();
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
