package dev.scanwatch.flink;

import dev.scanwatch.cli.PublishCommand;
import dev.scanwatch.core.model.Attempt;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka record values to attempts, in the schema {@code scanwatch publish} writes
 * ({@link PublishCommand.AttemptJson}). A record that is not an attempt is skipped and logged
 * (the first ten, then every thousandth): one bad producer must not stop the detector.
 */
final class AttemptDeserializer implements KafkaRecordDeserializationSchema<Attempt> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(AttemptDeserializer.class);

    private transient long skipped;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Attempt> out) {
        if (record.value() == null) {
            return;
        }
        try {
            out.collect(PublishCommand.AttemptJson.decode(record.value()));
        } catch (IllegalArgumentException e) {
            skipped++;
            if (skipped <= 10 || skipped % 1000 == 0) {
                LOG.warn("skipped {} record(s) that are not attempts; latest at {}-{}@{}: {}", skipped,
                        record.topic(), record.partition(), record.offset(), e.getMessage());
            }
        }
    }

    @Override
    public TypeInformation<Attempt> getProducedType() {
        return TypeInformation.of(Attempt.class);
    }
}
