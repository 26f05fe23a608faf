package dev.vigil.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends simulated telemetry to Kafka in real time: registers every device on {@code devices}, then sends one
 * message per device per interval to {@code telemetry}, and every injected anomaly to the labels topic.
 */
public final class Simulator implements Runnable, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Simulator.class);

    private final SimulatorOptions options;
    private final FleetGenerator generator;
    private final Producer<String, byte[]> producer;
    private final SimulatorJson json = new SimulatorJson();
    private final Clock clock;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final java.util.concurrent.atomic.AtomicBoolean started = new java.util.concurrent.atomic.AtomicBoolean();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicReference<Exception> sendFailure = new AtomicReference<>();

    public Simulator(final SimulatorOptions options) {
        this(options, new KafkaProducer<>(producerConfig(options.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer()), Clock.systemUTC());
    }

    Simulator(final SimulatorOptions options, final Producer<String, byte[]> producer, final Clock clock) {
        this.options = options;
        this.generator = new FleetGenerator(options.devicesPerFleet(), options.seed(), options.anomalyRate());
        this.producer = producer;
        this.clock = clock;
    }

    static Properties producerConfig(final String bootstrapServers) {
        final Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "vigil-simulator");
        return props;
    }

    /** Registers the devices and waits until the broker acknowledged every registry entry. */
    public void register() throws InterruptedException, ExecutionException {
        for (final RegistryEntry entry : generator.registry()) {
            producer.send(new ProducerRecord<>(options.devicesTopic(), entry.deviceId(), json.device(entry))).get();
        }
        LOG.info("registered {} devices on '{}'", generator.deviceCount(), options.devicesTopic());
    }

    @Override
    public void run() {
        started.set(true);
        try {
            loop();
        } finally {
            finished.countDown();
        }
    }

    private void loop() {
        final Instant end = options.duration().isZero() ? Instant.MAX : clock.instant().plus(options.duration());
        try {
            register();
            Instant next = clock.instant();
            while (next.isBefore(end) && sendFailure.get() == null) {
                send(generator.tick(next));
                next = next.plus(options.interval());
                final long waitMs = Duration.between(clock.instant(), next).toMillis();
                if (waitMs > 0 && stopped.await(waitMs, TimeUnit.MILLISECONDS)) {
                    break;
                }
            }
            producer.flush();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (final ExecutionException e) {
            throw new IllegalStateException("could not register devices", e.getCause());
        }
        if (sendFailure.get() != null) {
            throw new IllegalStateException("a send failed", sendFailure.get());
        }
    }

    private void send(final List<Sample> samples) {
        for (final Sample sample : samples) {
            producer.send(new ProducerRecord<>(options.telemetryTopic(), sample.deviceId(), json.telemetry(sample)),
                    (metadata, error) -> onSent(error));
            for (final Label label : sample.labels()) {
                producer.send(new ProducerRecord<>(options.labelsTopic(), label.deviceId(), json.label(label)),
                        (metadata, error) -> onSent(error));
            }
        }
        sent.addAndGet(samples.size());
    }

    private void onSent(final Exception error) {
        if (error != null) {
            sendFailure.compareAndSet(null, error);
            LOG.error("send failed: {}", error.toString());
        }
    }

    public long messagesSent() {
        return sent.get();
    }


    /** Stops {@link #run()} after the current tick. */
    public void stop() {
        stopped.countDown();
    }

    /** Stops {@link #run()}, waits for it to return, then closes the producer (flushing what was sent). */
    @Override
    public void close() {
        stop();
        if (started.get()) {
            try {
                finished.await(10, TimeUnit.SECONDS);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        producer.close(Duration.ofSeconds(5));
    }

    /** Runs the default fleets against a cluster ({@code args[0]}, default 127.0.0.1:9092) until stopped. */
    public static void main(final String[] args) {
        final String bootstrap = args.length > 0 ? args[0] : "127.0.0.1:9092";
        try (Simulator simulator = new Simulator(SimulatorOptions.defaults(bootstrap))) {
            Runtime.getRuntime().addShutdownHook(new Thread(simulator::stop));
            simulator.run();
        }
    }
}
