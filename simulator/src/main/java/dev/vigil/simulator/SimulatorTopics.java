package dev.vigil.simulator;

/** The Kafka topics the simulator writes and reads; the names are Vigil's (see the README). */
public record SimulatorTopics(String telemetry, String devices, String labels, String commands, String acks) {

    public static final SimulatorTopics DEFAULT = new SimulatorTopics("telemetry", "devices", "anomaly-labels",
            "commands", "command-acks");
}
