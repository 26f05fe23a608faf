package dev.vigil.broker;

import dev.vigil.topology.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates Vigil's topics when they are missing, then waits until every partition has a leader (producing
 * earlier can lose records to NOT_LEADER retries).
 */
public final class TopicSetup {

    private TopicSetup() {
    }

    public static void ensureTopics(final String bootstrapServers, final int partitions, final short replication,
            final Duration timeout) {
        final Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(props)) {
            final Set<String> existing = admin.listTopics().names().get();
            final List<NewTopic> missing = new ArrayList<>();
            for (final String topic : Topics.ALL) {
                if (!existing.contains(topic)) {
                    final NewTopic newTopic = new NewTopic(topic, partitions, replication);
                    if (Topics.COMPACTED.contains(topic)) {
                        newTopic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
                    }
                    missing.add(newTopic);
                }
            }
            if (!missing.isEmpty()) {
                createIgnoringRaces(admin, missing);
            }
            awaitLeaders(admin, timeout);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (final ExecutionException e) {
            throw new IllegalStateException("cannot create topics on " + bootstrapServers + ": " + e.getCause(), e);
        }
    }

    /** The number of partitions of {@code topic}. */
    public static int partitions(final String bootstrapServers, final String topic) {
        final Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(props)) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (final ExecutionException e) {
            throw new IllegalStateException("cannot describe topic '" + topic + "' on " + bootstrapServers + ": "
                    + e.getCause(), e);
        }
    }

    /** Several instances may start together: a topic another one just created is fine. */
    private static void createIgnoringRaces(final Admin admin, final List<NewTopic> topics)
            throws InterruptedException, ExecutionException {
        for (final Map.Entry<String, org.apache.kafka.common.KafkaFuture<Void>> result
                : admin.createTopics(topics).values().entrySet()) {
            try {
                result.getValue().get();
            } catch (final ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
    }

    private static void awaitLeaders(final Admin admin, final Duration timeout) throws InterruptedException {
        final Instant deadline = Instant.now().plus(timeout);
        Exception last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                final Map<String, TopicDescription> topics = admin.describeTopics(Topics.ALL).allTopicNames().get();
                final Map<TopicPartition, OffsetSpec> request = new HashMap<>();
                topics.values().forEach(t -> t.partitions().forEach(p ->
                        request.put(new TopicPartition(t.name(), p.partition()), OffsetSpec.latest())));
                admin.listOffsets(request).all().get();
                return;
            } catch (final ExecutionException e) {
                last = e;
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("topic partitions have no leader after " + timeout, last);
    }
}
