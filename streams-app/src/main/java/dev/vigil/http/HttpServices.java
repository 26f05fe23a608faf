package dev.vigil.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.command.CommandService;
import dev.vigil.feed.AnomalyFeed;
import dev.vigil.feed.AnomalyStreamHandler;
import dev.vigil.ingest.TelemetryGateway;
import dev.vigil.query.DeviceDirectory;
import dev.vigil.query.DeviceQueryService;
import dev.vigil.registry.RegistryWriter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/** What the HTTP layer calls; {@link HttpApp#create} takes these and nothing else. */
public record HttpServices(
        Supplier<KafkaStreams.State> streamsState,
        DeviceQueryService devices,
        DeviceDirectory directory,
        RegistryWriter registry,
        TelemetryGateway telemetry,
        CommandService commands,
        AnomalyFeed feed,
        AnomalyStreamHandler stream,
        PrometheusMeterRegistry metrics,
        ObjectMapper mapper) {
}
