package dev.vigil.it;

import com.hivemq.embedded.EmbeddedHiveMQ;
import dev.vigil.broker.LocalKafkaBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A real MQTT broker for tests: HiveMQ Community Edition, embedded, listening on 127.0.0.1 only. */
final class MqttTestBroker implements AutoCloseable {

    private final EmbeddedHiveMQ hivemq;
    private final int port;

    MqttTestBroker(final Path dir) throws IOException {
        this.port = LocalKafkaBroker.freePort();
        final Path config = Files.createDirectories(dir.resolve("conf"));
        Files.writeString(config.resolve("config.xml"), """
                <?xml version="1.0"?>
                <hivemq>
                  <listeners>
                    <tcp-listener>
                      <port>%d</port>
                      <bind-address>127.0.0.1</bind-address>
                    </tcp-listener>
                  </listeners>
                  <anonymous-usage-statistics>
                    <enabled>false</enabled>
                  </anonymous-usage-statistics>
                </hivemq>
                """.formatted(port));
        this.hivemq = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(config)
                .withDataFolder(Files.createDirectories(dir.resolve("data")))
                .withExtensionsFolder(Files.createDirectories(dir.resolve("extensions")))
                .withoutLoggingBootstrap()
                .build();
    }

    MqttTestBroker start() throws Exception {
        hivemq.start().get(60, TimeUnit.SECONDS);
        return this;
    }

    String address() {
        return "127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    @Override
    public void close() throws Exception {
        hivemq.stop().get(30, TimeUnit.SECONDS);
        hivemq.close();
    }
}
