package dev.scanwatch.flink;

import dev.scanwatch.core.alert.Alert;
import dev.scanwatch.core.model.ScanKind;
import dev.scanwatch.io.sink.JsonLinesSink;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;

/**
 * Alerts to Kafka records: the value is one JSON object of the alert contract (DESIGN §6),
 * rendered by the CLI's own {@link JsonLinesSink#render}; the key is the scanner (the target for
 * a distributed scan), so that one alert's open, updates and close stay in one partition.
 */
final class AlertRecordSerializer implements KafkaRecordSerializationSchema<Alert> {

    private static final long serialVersionUID = 1L;

    private final String topic;

    AlertRecordSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(Alert a, KafkaSinkContext context, Long timestamp) {
        String key = a.kind() == ScanKind.DISTRIBUTED ? String.valueOf(a.target()) : String.valueOf(a.src());
        return new ProducerRecord<>(topic, null, timestamp, key.getBytes(StandardCharsets.UTF_8),
                JsonLinesSink.render(a).getBytes(StandardCharsets.UTF_8));
    }
}
