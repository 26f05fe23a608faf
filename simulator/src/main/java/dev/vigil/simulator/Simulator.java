package dev.vigil.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs simulated devices: registers them, then sends each device's messages when due on the simulated clock
 * ({@link SimulatorOptions#speed()} simulated seconds per wall-clock second), through the chosen transport.
 * Labels go to the labels topic and/or a JSONL file; commands from the {@code commands} topic are carried out
 * between ticks and acknowledged on {@code command-acks}; the gateway device reports its own status.
 */
public final class Simulator implements Runnable, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Simulator.class);
    private static final Duration MAX_SLEEP = Duration.ofMillis(100);
    private static final Duration DEFAULT_BACKFILL = Duration.ofDays(1);

    private final SimulatorOptions options;
    private final FleetGenerator generator;
    private final Producer<String, byte[]> producer;
    private final TelemetrySink sink;
    private final LabelSink labels;
    private final CommandListener commands;
    private final GatewayStatus gateway;
    private final SimulatorJson json = new SimulatorJson();
    private final Clock clock;
    private final Instant wallStart;
    private final Instant simStart;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final CountDownLatch ready = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acks = new AtomicLong();

    public Simulator(final SimulatorOptions options) {
        this(options, options.hasKafka() ? new KafkaProducer<>(producerConfig(options.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer()) : null, Clock.systemUTC());
    }

    /** With a given producer (may be null without Kafka) and clock; the transport comes from the options. */
    Simulator(final SimulatorOptions options, final Producer<String, byte[]> producer, final Clock clock) {
        this.options = options;
        this.producer = producer;
        this.clock = clock;
        this.wallStart = clock.instant();
        this.simStart = options.start() != null ? options.start() : defaultStart(options, wallStart);
        this.generator = new FleetGenerator(options.devicesPerFleet(), options.seed(), options.anomalyRate(),
                options.kinds(), options.interval(), options.rate(), simStart);
        this.sink = TelemetrySink.of(options, producer, json);
        this.labels = new LabelSink(producer, options.topics().labels(), options.labelsFile(), json);
        this.commands = options.commands() ? new CommandListener(options.bootstrapServers(), "vigil-simulator",
                options.topics().commands(), json) : null;
        this.gateway = options.gatewayId() == null ? null : new GatewayStatus(options.gatewayId());
    }

    /** Real time starts now; compressed or unpaced time starts far enough back never to reach the future. */
    static Instant defaultStart(final SimulatorOptions options, final Instant now) {
        if (options.speed() == 1.0 || options.speed() < 1.0 && options.speed() > 0) {
            return now;
        }
        if (options.speed() > 1 && !options.duration().isZero()) {
            return now.minus(Duration.ofMillis((long) (options.duration().toMillis() * (options.speed() - 1))));
        }
        return now.minus(DEFAULT_BACKFILL);
    }

    static Properties producerConfig(final String bootstrapServers) {
        final Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "vigil-simulator");
        return props;
    }

    /** Registers the devices (and the gateway) through the transport, or on the {@code devices} topic. */
    public void register() throws InterruptedException, ExecutionException {
        final List<RegistryEntry> entries = new ArrayList<>(generator.registry());
        if (gateway != null) {
            entries.add(gateway.registryEntry());
        }
        register(entries, sink, producer, options, json);
    }

    static void register(final List<RegistryEntry> entries, final TelemetrySink sink,
            final Producer<String, byte[]> producer, final SimulatorOptions options, final SimulatorJson json)
            throws InterruptedException, ExecutionException {
        if (sink.register(entries)) {
            LOG.info("registered {} devices through {}", entries.size(), options.transport());
        } else if (producer != null) {
            for (final RegistryEntry entry : entries) {
                producer.send(new ProducerRecord<>(options.topics().devices(), entry.deviceId(), json.device(entry))).get();
            }
            LOG.info("registered {} devices on '{}'", entries.size(), options.topics().devices());
        } else {
            LOG.warn("devices not registered: the {} transport cannot, and there is no Kafka", options.transport());
        }
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

    /** Waits until the devices are registered and commands are being read (when enabled). */
    public boolean awaitReady(final Duration timeout) throws InterruptedException {
        return ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void loop() {
        try {
            register();
            if (commands != null) {
                new Thread(commands, "simulator-commands").start();
                if (!commands.awaitAssignment(Duration.ofSeconds(60))) {
                    LOG.warn("no partitions of '{}' assigned after 60 s; commands may be missed", options.topics().commands());
                }
            }
            ready.countDown();
            Instant nextStatus = wallStart;
            while (stopped.getCount() > 0) {
                final Instant wallNow = clock.instant();
                if (!options.duration().isZero() && !wallNow.isBefore(wallStart.plus(options.duration()))) {
                    break;
                }
                final Instant simNow = simulatedNow(wallNow);
                carryOutCommands();
                if (!sendDue(simNow)) {
                    break;
                }
                if (gateway != null && !wallNow.isBefore(nextStatus)) {
                    sink.send(List.of(gateway.report(simNow, wallNow, sent.get())));
                    nextStatus = nextStatus.plus(options.gatewayInterval());
                }
                final long waitMs = waitMillis(simNow, clock.instant());
                if (waitMs > 0 && stopped.await(waitMs, TimeUnit.MILLISECONDS)) {
                    break;
                }
            }
            labels.write(generator.pendingLabels(true));
            sink.flush();
            labels.flush();
            if (producer != null) {
                producer.flush();
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (final ExecutionException e) {
            throw new IllegalStateException("could not register devices", e.getCause());
        }
    }

    /** Sends what is due; false when the message limit is reached. */
    private boolean sendDue(final Instant simNow) {
        List<Sample> due = generator.advance(simNow);
        final long max = options.maxMessages();
        if (max > 0 && sent.get() + due.size() >= max) {
            due = due.subList(0, (int) (max - sent.get()));
        }
        sink.send(due);
        // anomalies that ended with a message ride on it; those a reset ended come from carryOutCommands
        for (final Sample sample : due) {
            labels.write(sample.labels());
        }
        sent.addAndGet(due.size());
        return max == 0 || sent.get() < max;
    }

    private Instant simulatedNow(final Instant wallNow) {
        if (options.speed() == 0) {
            final Instant due = generator.nextDue();
            return due.isAfter(wallNow) ? wallNow : due;
        }
        final long elapsedMs = Duration.between(wallStart, wallNow).toMillis();
        final Instant compressed = simStart.plusMillis((long) (elapsedMs * options.speed()));
        return compressed.isAfter(wallNow) ? wallNow : compressed;
    }

    /** How long to sleep until the next message is due on the wall clock (at most 100 ms, for commands). */
    private long waitMillis(final Instant simNow, final Instant wallNow) {
        final Instant due = generator.nextDue();
        if (due.equals(Instant.MAX)) {
            return MAX_SLEEP.toMillis();
        }
        final Instant wallDue;
        if (options.speed() == 0) {
            wallDue = due;
        } else {
            final long simMs = Duration.between(simStart, due).toMillis();
            final Instant paced = wallStart.plusMillis((long) Math.ceil(simMs / options.speed()));
            wallDue = paced.isAfter(due) ? paced : due;
        }
        final long ms = Duration.between(wallNow, wallDue).toMillis();
        return Math.max(0, Math.min(MAX_SLEEP.toMillis(), ms));
    }

    private void carryOutCommands() {
        if (commands == null) {
            return;
        }
        for (DeviceCommand command = commands.poll(); command != null; command = commands.poll()) {
            final String name = command.name();
            generator.apply(command, clock.instant()).ifPresent(a -> {
                producer.send(new ProducerRecord<>(options.topics().acks(), a.deviceId(), json.ack(a)));
                acks.incrementAndGet();
                LOG.info("command {} '{}' for {}: {} ({})", a.commandId(), name, a.deviceId(), a.status(), a.detail());
            });
        }
        labels.write(generator.pendingLabels(false));
    }

    public long messagesSent() {
        return sent.get();
    }

    public long labelsWritten() {
        return labels.written();
    }

    public long acksSent() {
        return acks.get();
    }

    /** Stops {@link #run()} after the current tick. */
    public void stop() {
        stopped.countDown();
    }

    /** Stops {@link #run()}, waits for it to return, then closes everything (flushing what was sent). */
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
        if (commands != null) {
            commands.close();
        }
        sink.close();
        labels.close();
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
