package dev.vigil.query;

import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;

/** Turns Kafka Streams' metadata for a key into the instance that owns it, and its standbys. */
public final class InstanceLocator {

    /** Where a key lives: here, at another instance, or nowhere right now (startup, rebalance). */
    public sealed interface Owner {
        record Local(int partition) implements Owner {
        }

        record Remote(HostInfo host, int partition, Set<HostInfo> standbys) implements Owner {
        }

        record Unavailable() implements Owner {
        }
    }

    private final KafkaStreams streams;
    private final HostInfo self;

    public InstanceLocator(final KafkaStreams streams, final HostInfo self) {
        this.streams = streams;
        this.self = self;
    }

    public Owner ownerOf(final String store, final String key) {
        final KeyQueryMetadata metadata = streams.queryMetadataForKey(store, key, Serdes.String().serializer());
        if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)) {
            return new Owner.Unavailable();
        }
        if (metadata.activeHost().equals(self)) {
            return new Owner.Local(metadata.partition());
        }
        return new Owner.Remote(metadata.activeHost(), metadata.partition(), metadata.standbyHosts());
    }

    public HostInfo self() {
        return self;
    }

    public String selfAddress() {
        return self.host() + ":" + self.port();
    }
}
