package dev.vigil.simulator;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The simulator's lifecycle only. Sending to a real broker is covered by the streams-app integration tests
 * (QuickStartIT runs the simulator against a real KRaft broker).
 */
class SimulatorTest {

    @Test
    @DisplayName("close() while running stops the send loop before the producer is closed")
    void closeWhileRunning() throws InterruptedException {
        final MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(),
                new ByteArraySerializer());
        final SimulatorOptions options = new SimulatorOptions("unused", java.util.Map.of(Fleet.temperatureProbes(), 50),
                Duration.ofMillis(1), 0.01, 1L, Duration.ZERO, "t", "d", "l");
        final Simulator simulator = new Simulator(options, producer, Clock.systemUTC());
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final Thread thread = new Thread(simulator);
        thread.setUncaughtExceptionHandler((t, e) -> failure.set(e));
        thread.start();
        Thread.sleep(300);
        simulator.close();
        thread.join(5000);
        assertFalse(thread.isAlive());
        assertNull(failure.get(), () -> "the send loop failed: " + failure.get());
        assertTrue(producer.closed());
        assertTrue(simulator.messagesSent() > 50);
    }
}
