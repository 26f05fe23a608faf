package dev.vigil.simulator;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the {@code commands} topic on its own thread and queues each command for the simulator's loop, which
 * carries it out between two ticks (so devices are only ever touched by one thread). A new consumer group starts
 * at the end of the topic: commands sent while no simulator ran expire unanswered.
 */
final class CommandListener implements Runnable, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CommandListener.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final SimulatorJson json;
    private final Queue<DeviceCommand> queue = new ConcurrentLinkedQueue<>();
    private final CountDownLatch assigned = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean running = true;

    CommandListener(final String bootstrapServers, final String groupId, final String topic, final SimulatorJson json) {
        final Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, groupId + "-commands");
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        this.topic = topic;
        this.json = json;
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(final Collection<TopicPartition> partitions) {
                    // offsets are committed automatically
                }

                @Override
                public void onPartitionsAssigned(final Collection<TopicPartition> partitions) {
                    partitions.forEach(consumer::position); // fix "latest" now, before anyone waits on us
                    assigned.countDown();
                }
            });
            while (running) {
                for (final ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    take(record);
                }
            }
        } catch (final WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(5));
            finished.countDown();
        }
    }

    private void take(final ConsumerRecord<String, byte[]> record) {
        try {
            queue.add(json.command(record.value()));
        } catch (final IllegalArgumentException e) {
            LOG.warn("ignoring an unreadable command at {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
        }
    }

    /** The next queued command, or null. */
    DeviceCommand poll() {
        return queue.poll();
    }

    boolean awaitAssignment(final Duration timeout) throws InterruptedException {
        return assigned.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            finished.await(10, TimeUnit.SECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
