package dev.vigil.simulator;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Ground truth: every label to the labels topic (when there is Kafka) and to a JSONL file (when asked). */
final class LabelSink implements AutoCloseable {

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final BufferedWriter file;
    private final SimulatorJson json;
    private final AtomicLong written = new AtomicLong();

    LabelSink(final Producer<String, byte[]> producer, final String topic, final Path file, final SimulatorJson json) {
        this.producer = producer;
        this.topic = topic;
        this.json = json;
        try {
            this.file = file == null ? null : Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot open labels file " + file, e);
        }
    }

    void write(final List<Label> labels) {
        for (final Label label : labels) {
            final byte[] bytes = json.label(label);
            if (producer != null) {
                producer.send(new ProducerRecord<>(topic, label.deviceId(), bytes));
            }
            if (file != null) {
                try {
                    file.write(new String(bytes, StandardCharsets.UTF_8));
                    file.newLine();
                } catch (final IOException e) {
                    throw new UncheckedIOException("cannot write labels file", e);
                }
            }
            written.incrementAndGet();
        }
    }

    void flush() {
        if (file != null) {
            try {
                file.flush();
            } catch (final IOException e) {
                throw new UncheckedIOException("cannot write labels file", e);
            }
        }
    }

    long written() {
        return written.get();
    }

    @Override
    public void close() {
        if (file != null) {
            try {
                file.close();
            } catch (final IOException e) {
                throw new UncheckedIOException("cannot close labels file", e);
            }
        }
    }
}
