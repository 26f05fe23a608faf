package dev.vigil.feed;

import dev.vigil.scoring.AnomalyRecord;
import dev.vigil.topology.Topics;
import dev.vigil.topology.VigilSerdes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows every partition of {@code anomalies} (committed records only, no consumer group: each instance sees
 * the whole fleet), keeps the newest {@code bufferSize} events, and delivers new ones to subscribers. On start
 * it reads back up to {@code bufferSize / partitions} events per partition so the recent list is not empty.
 */
public final class AnomalyFeed implements Runnable, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AnomalyFeed.class);

    /** A subscriber: gets every event after its start position that passes its filter, in feed order. */
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    private record Subscriber(FeedPosition from, Predicate<AnomalyRecord> filter, Consumer<FeedEvent> sink) {
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final Deserializer<AnomalyRecord> anomalies = VigilSerdes.anomaly().deserializer();
    private final int bufferSize;
    private final Deque<FeedEvent> buffer = new ArrayDeque<>();
    private final Set<Subscriber> subscribers = new CopyOnWriteArraySet<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private long[] position = new long[0];

    public AnomalyFeed(final String bootstrapServers, final int bufferSize) {
        final Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "vigil-anomaly-feed");
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        this.bufferSize = bufferSize;
    }

    @Override
    public void run() {
        try {
            assignAndRewind();
            while (running.get()) {
                deliver(consumer.poll(Duration.ofMillis(100)));
            }
        } catch (final WakeupException e) {
            // closing
        } catch (final RuntimeException e) {
            LOG.error("the anomaly feed stopped", e);
        } finally {
            consumer.close();
        }
    }

    private void assignAndRewind() {
        final List<TopicPartition> partitions = consumer.partitionsFor(Topics.ANOMALIES, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).sorted(Comparator.comparingInt(TopicPartition::partition))
                .collect(Collectors.toList());
        consumer.assign(partitions);
        final Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
        final Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        final long perPartition = Math.max(1, bufferSize / Math.max(1, partitions.size()));
        synchronized (this) {
            position = new long[partitions.size()];
            for (final TopicPartition tp : partitions) {
                final long from = Math.max(begin.get(tp), end.get(tp) - perPartition);
                consumer.seek(tp, from);
                position[tp.partition()] = from;
            }
        }
    }

    private synchronized void deliver(final Iterable<ConsumerRecord<String, byte[]>> records) {
        for (final ConsumerRecord<String, byte[]> r : records) {
            position[r.partition()] = r.offset() + 1;
            final AnomalyRecord anomaly = read(r);
            if (anomaly == null) {
                continue;
            }
            final FeedEvent event = new FeedEvent(new FeedPosition(position.clone()).encode(), r.partition(), r.offset(),
                    anomaly, new String(r.value(), StandardCharsets.UTF_8));
            buffer.addLast(event);
            if (buffer.size() > bufferSize) {
                buffer.removeFirst();
            }
            for (final Subscriber s : subscribers) {
                offer(s, event);
            }
        }
    }

    /** The anomaly, or null for a tombstone or a value that is not one (skipped, logged). */
    private AnomalyRecord read(final ConsumerRecord<String, byte[]> r) {
        if (r.value() == null) {
            return null;
        }
        try {
            return anomalies.deserialize(r.topic(), r.value());
        } catch (final SerializationException e) {
            LOG.warn("skipping {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
            return null;
        }
    }

    private static void offer(final Subscriber s, final FeedEvent event) {
        if ((s.from() == null || !s.from().isAfter(event.partition(), event.offset())) && s.filter().test(event.anomaly())) {
            s.sink().accept(event);
        }
    }

    /**
     * Subscribes from {@code lastEventId} (null: only new events): buffered events after it are delivered first,
     * then live ones, with nothing in between lost or repeated.
     *
     * @throws IllegalArgumentException for an id that is not a Vigil event id of this topic
     */
    public synchronized Subscription subscribe(final String lastEventId, final Predicate<AnomalyRecord> filter,
            final Consumer<FeedEvent> sink) {
        final FeedPosition from = FeedPosition.parse(lastEventId, position.length);
        final Subscriber subscriber = new Subscriber(from, filter, sink);
        if (from != null) {
            buffer.forEach(event -> offer(subscriber, event));
        }
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    /** @throws IllegalArgumentException when {@code lastEventId} is not an event id of this feed */
    public synchronized void checkEventId(final String lastEventId) {
        FeedPosition.parse(lastEventId, position.length);
    }

    /** Recent anomalies, newest first by reading time. */
    public synchronized List<FeedEvent> recent(final Instant since, final int limit, final String deviceId) {
        final List<FeedEvent> out = new ArrayList<>();
        buffer.descendingIterator().forEachRemaining(event -> {
            final AnomalyRecord a = event.anomaly();
            if ((deviceId == null || deviceId.equals(a.deviceId())) && (since == null || !a.timestamp().isBefore(since))) {
                out.add(event);
            }
        });
        out.sort(Comparator.comparing((FeedEvent e) -> e.anomaly().timestamp()).reversed());
        return List.copyOf(out.subList(0, Math.min(limit, out.size())));
    }



    @Override
    public void close() {
        running.set(false);
        consumer.wakeup();
    }
}
