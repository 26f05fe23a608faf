package dev.vigil.query;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;

/** Turns Kafka Streams' metadata for a key into the instance that owns it. */
public final class InstanceLocator {

    /** Where a key lives: here, at another instance, or nowhere right now. */
    public sealed interface Owner {
        record Local() implements Owner {
        }

        record Remote(HostInfo host) implements Owner {
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
        return metadata.activeHost().equals(self) ? new Owner.Local() : new Owner.Remote(metadata.activeHost());
    }

    public HostInfo self() {
        return self;
    }
}
