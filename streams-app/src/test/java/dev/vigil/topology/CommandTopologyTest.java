package dev.vigil.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.command.Command;
import dev.vigil.command.CommandAck;
import dev.vigil.command.CommandLog;
import dev.vigil.command.CommandStatus;
import dev.vigil.model.score.AutoencoderScorer;
import dev.vigil.model.score.ModelArtifacts;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands sub-topology: commands and acknowledgements meet in the device-commands store. */
class CommandTopologyTest {

    private static final Instant T0 = TopologyHarness.START;

    @AutoClose
    private static final AutoencoderScorer model = ModelArtifacts.loadDefault();

    @TempDir
    Path dir;
    private TopologyHarness harness;
    private TestInputTopic<String, Command> commands;
    private TestInputTopic<String, CommandAck> acks;
    private TestInputTopic<String, String> rawAcks;

    @BeforeEach
    void setUp() {
        harness = new TopologyHarness(model, dir, Map.of("commands.history", "3"));
        commands = harness.driver.createInputTopic(Topics.COMMANDS, new StringSerializer(),
                VigilSerdes.command().serializer());
        acks = harness.driver.createInputTopic(Topics.COMMAND_ACKS, new StringSerializer(),
                VigilSerdes.commandAck().serializer());
        rawAcks = harness.driver.createInputTopic(Topics.COMMAND_ACKS, new StringSerializer(), new StringSerializer());
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    private KeyValueStore<String, CommandLog> store() {
        return harness.driver.getKeyValueStore(StoreNames.DEVICE_COMMANDS);
    }

    private static Command command(final String id, final String device, final int ttlSeconds) {
        return new Command(id, device, "reset", Map.of(), T0, T0.plusSeconds(ttlSeconds));
    }

    private List<String> states(final String device, final Instant now) {
        return store().get(device).asOf(now).stream().map(CommandStatus::state).toList();
    }

    @Test
    @DisplayName("sent, then acknowledged or failed by the device's answer; unanswered ones expire")
    void lifecycle() {
        commands.pipeInput("d-1", command("a", "d-1", 60));
        commands.pipeInput("d-1", command("b", "d-1", 60));
        commands.pipeInput("d-1", command("c", "d-1", 5));
        assertEquals(List.of("sent", "sent", "sent"), states("d-1", T0));
        acks.pipeInput("d-1", new CommandAck("a", "d-1", CommandAck.ACKNOWLEDGED, "ok", T0.plusSeconds(1)));
        acks.pipeInput("d-1", new CommandAck("b", "d-1", CommandAck.FAILED, "unknown metric", T0.plusSeconds(1)));
        assertEquals(List.of("acknowledged", "failed", "sent"), states("d-1", T0.plusSeconds(2)));
        assertEquals(List.of("acknowledged", "failed", "expired"), states("d-1", T0.plusSeconds(6)));
        assertEquals("unknown metric", store().get("d-1").commands().get(1).detail());
    }

    @Test
    @DisplayName("an answer after expiry keeps 'expired'; a re-delivered command is logged once; the log keeps the newest N")
    void lateDuplicateAndBounded() {
        commands.pipeInput("d-2", command("a", "d-2", 5));
        commands.pipeInput("d-2", command("a", "d-2", 5));
        acks.pipeInput("d-2", new CommandAck("a", "d-2", CommandAck.ACKNOWLEDGED, "late", T0.plusSeconds(9)));
        assertEquals(List.of("expired"), states("d-2", T0.plusSeconds(10)));
        for (final String id : List.of("b", "c", "d")) {
            commands.pipeInput("d-2", command(id, "d-2", 60));
        }
        assertEquals(List.of("b", "c", "d"), store().get("d-2").commands().stream()
                .map(c -> c.command().commandId()).toList());
    }

    @Test
    @DisplayName("an answer read before its command is applied when the command arrives; others wait unseen, the newest N; a malformed answer is skipped")
    void earlyAndStrayAnswers() {
        acks.pipeInput("d-3", new CommandAck("x", "d-3", CommandAck.FAILED, "no such metric", T0));
        assertEquals(List.of(), store().get("d-3").commands());
        commands.pipeInput("d-3", command("x", "d-3", 60));
        assertEquals(List.of("failed"), states("d-3", T0));
        assertEquals(List.of(), store().get("d-3").early());
        for (final String id : List.of("s1", "s2", "s3", "s4")) {
            acks.pipeInput("d-3", new CommandAck(id, "d-3", CommandAck.ACKNOWLEDGED, null, T0));
        }
        assertEquals(List.of("s2", "s3", "s4"), store().get("d-3").early().stream().map(CommandAck::commandId).toList());
        commands.pipeInput("d-3", command("a", "d-3", 60));
        rawAcks.pipeInput("d-3", "{not json"); // to telemetry-dlq by the handler (checked against a broker in GatewaysIT)
        acks.pipeInput("d-3", new CommandAck("a", "d-3", CommandAck.ACKNOWLEDGED, null, T0));
        assertEquals(List.of("failed", "acknowledged"), states("d-3", T0));
    }
}
