package dev.scanwatch.flink;

import dev.scanwatch.core.alert.Alert;
import dev.scanwatch.core.detect.SourceActivity;
import dev.scanwatch.core.distributed.DistributedScanCorrelator;
import dev.scanwatch.core.distributed.TargetActivity;
import dev.scanwatch.core.model.Attempt;
import dev.scanwatch.core.model.Protocol;
import dev.scanwatch.core.net.IpAddress;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.runtime.kryo.JavaSerializer;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The scanwatch detectors as a Flink job: attempts from a Kafka topic, alerts (JSON Lines of the
 * alert contract) to another. The dataflow is the embedded pipeline's, split by key:
 * <pre>
 * Kafka attempts ─► keyBy(src, proto): SourceDetector ─┬─ alerts (not decoy candidates) ───────────────┐
 *                                                      ├─ closed port scans ─► keyBy(target, proto):    │
 *                                                      │                       DecoyCorrelator ─────────┼─► Kafka alerts
 *                                                      └─ attempts + "source fired" ─► keyBy(dst, proto):│
 *                                                                                  TargetDetector ──────┘
 * </pre>
 * See docs/FLINK.md for the attempt schema, the options and the delivery guarantee.
 */
public final class ScanwatchJob {

    /**
     * How Flink serialises the core's types: the per-key detector state is Java serialised
     * (fastutil's collections restore their transient arrays only in their own readObject), and
     * alerts by {@link AlertKryoSerializer}. Set on every environment the job runs in.
     */
    public static final List<String> SERIALIZATION_CONFIG = List.of(
            kryo(SourceState.class, JavaSerializer.class),
            kryo(TargetState.class, JavaSerializer.class),
            kryo(SourceActivity.class, JavaSerializer.class),
            kryo(TargetActivity.class, JavaSerializer.class),
            kryo(Alert.class, AlertKryoSerializer.class));

    private ScanwatchJob() {
    }

    private static String kryo(Class<?> type, Class<?> serializer) {
        return type.getName() + ": {type: kryo, kryo-type: registered, class: " + serializer.getName() + "}";
    }

    public static void main(String[] args) throws Exception {
        JobOptions options;
        try {
            options = JobOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("scanwatch-flink: " + e.getMessage());
            System.err.println(JobOptions.USAGE);
            System.exit(2);
            return;
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(configuration(options));
        build(env, options, UnaryOperator.identity());
        env.execute(options.name);
    }

    /** The job's configuration: serializers, state backend, checkpointing. */
    public static Configuration configuration(JobOptions o) {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.SERIALIZATION_CONFIG, SERIALIZATION_CONFIG);
        conf.set(StateBackendOptions.STATE_BACKEND, o.stateBackend);
        if (!o.checkpointInterval.isZero()) {
            conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, o.checkpointInterval);
            conf.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.EXACTLY_ONCE);
        }
        if (o.checkpointDir != null) {
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, o.checkpointDir);
        }
        return conf;
    }

    /**
     * Adds the whole job to an environment made with {@link #configuration}.
     *
     * @param tap applied to the attempts right after the source (tests inject failures there)
     */
    public static void build(StreamExecutionEnvironment env, JobOptions o,
                             UnaryOperator<DataStream<Attempt>> tap) {
        if (o.parallelism > 0) {
            env.setParallelism(o.parallelism);
        }
        KafkaSourceBuilder<Attempt> source = KafkaSource.<Attempt>builder()
                .setBootstrapServers(o.bootstrap)
                .setTopics(o.inTopic)
                .setGroupId(o.groupId)
                .setDeserializer(new AttemptDeserializer())
                .setStartingOffsets(switch (o.start) {
                    case "earliest" -> OffsetsInitializer.earliest();
                    case "latest" -> OffsetsInitializer.latest();
                    default -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
                })
                .setProperty("commit.offsets.on.checkpoint", "true");
        if (o.bounded) {
            source.setBounded(OffsetsInitializer.latest());
        }
        WatermarkStrategy<Attempt> watermarks = WatermarkStrategy
                .<Attempt>forBoundedOutOfOrderness(o.watermarkDelay)
                .withTimestampAssigner((a, previous) -> EventTime.millis(a.timeNanos()))
                .withIdleness(o.idlePartition);
        DataStream<Attempt> attempts = env.fromSource(source.build(), watermarks, "attempts from Kafka")
                .uid("kafka-attempts");
        // The heap backend hands out its values deserialised already: a cache would only add a lookup.
        long stateCache = o.stateBackend.equals("hashmap") ? 0 : o.stateCacheBytes;
        DataStream<Alert> alerts = detect(tap.apply(attempts), o.settings, stateCache);

        KafkaSink<Alert> sink = KafkaSink.<Alert>builder()
                .setBootstrapServers(o.bootstrap)
                .setRecordSerializer(new AlertRecordSerializer(o.outTopic))
                .setDeliveryGuarantee(o.exactlyOnce ? DeliveryGuarantee.EXACTLY_ONCE : DeliveryGuarantee.AT_LEAST_ONCE)
                .setTransactionalIdPrefix(o.transactionalIdPrefix != null ? o.transactionalIdPrefix
                        : "scanwatch-" + o.outTopic)
                // Within the broker's transaction.max.timeout.ms (15 min by default).
                .setProperty("transaction.timeout.ms", "600000")
                .build();
        alerts.sinkTo(sink).name("alerts to Kafka").uid("kafka-alerts");
    }

    /**
     * The detectors, from attempts to every alert event (open, updated, closed; suppressed ones marked).
     *
     * @param stateCacheBytes each keyed detector's cache of deserialised state, per parallel
     *                        instance ({@link KeyedStateCache}); 0 turns it off (for the heap backend)
     */
    public static DataStream<Alert> detect(DataStream<Attempt> attempts, DetectorSettings settings,
                                           long stateCacheBytes) {
        SingleOutputStreamOperator<Contact> contacts = attempts
                .keyBy(a -> key(a.src(), a.protocol()), Types.STRING)
                .transform("per-source detector", TypeInformation.of(Contact.class),
                        new StateCachingOperator<>(new SourceDetector(settings), stateCacheBytes))
                .uid("source-detector");
        DataStream<Alert> sourceAlerts = contacts.getSideOutput(SourceDetector.ALERTS);
        DataStream<Alert> targetAlerts = contacts
                .keyBy(c -> key(c.attempt().dst(), c.attempt().protocol()), Types.STRING)
                .transform("per-target detector", TypeInformation.of(Alert.class),
                        new StateCachingOperator<>(new TargetDetector(settings), stateCacheBytes))
                .uid("target-detector");
        DataStream<Alert> decoys = sourceAlerts
                .filter(DistributedScanCorrelator::isCandidate).name("closed port scans")
                .keyBy(a -> key(a.target(), a.protocol()), Types.STRING)
                .process(new DecoyCorrelator(settings))
                .name("decoy correlator").uid("decoy-correlator");
        DataStream<Alert> direct = sourceAlerts.filter(a -> !DistributedScanCorrelator.isCandidate(a))
                .name("other alerts");
        return direct.union(targetAlerts, decoys);
    }

    /** Partitioning key: text, so that its hash is the same in every JVM (enums' hashes are not). */
    static String key(IpAddress address, Protocol protocol) {
        return address + "/" + protocol.label();
    }
}
