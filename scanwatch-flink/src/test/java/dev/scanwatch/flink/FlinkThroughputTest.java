package dev.scanwatch.flink;

import dev.scanwatch.cli.PublishCommand.AttemptJson;
import dev.scanwatch.core.model.Attempt;
import dev.scanwatch.core.model.Outcome;
import dev.scanwatch.core.model.Protocol;
import dev.scanwatch.core.model.Technique;
import dev.scanwatch.core.net.IpAddress;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Throughput of the job (attempts/s) at parallelism 1 and 2 on a MiniCluster against the local
 * broker: a synthetic stream of scanners and clients is produced once, then replayed bounded by
 * the job with its defaults (heap state unless -Dscanwatch.flink.bench.backend=rocksdb,
 * checkpoints every 10 s unless -Dscanwatch.flink.bench.checkpoint_s=N, exactly-once sink). Not part of
 * the normal build: run with
 * {@code mvn -pl scanwatch-flink -am test -Dtest=FlinkThroughputTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dscanwatch.flink.bench=true} (figures in docs/FLINK.md, target/flink-throughput-*.txt).
 */
@ExtendWith(KafkaBroker.class)
@EnabledIfSystemProperty(named = "scanwatch.flink.bench", matches = "true")
class FlinkThroughputTest {

    private static final int ATTEMPTS = Integer.getInteger("scanwatch.flink.bench.attempts", 1_000_000);
    private static final String BACKEND = System.getProperty("scanwatch.flink.bench.backend", "hashmap");
    /** The keyed detectors' state cache, MiB per instance; 0 reads and writes the backend per attempt. */
    private static final long CACHE_MB = Long.getLong("scanwatch.flink.bench.cache_mb",
            JobOptions.DEFAULT_STATE_CACHE_BYTES >> 20);
    /** Seconds between checkpoints (the job's default unless set), e.g. 1 to weigh what each checkpoint costs. */
    private static final long CHECKPOINT_SECONDS = Long.getLong("scanwatch.flink.bench.checkpoint_s",
            new JobOptions().checkpointInterval.toSeconds());
    /** The job caches only in front of RocksDB (ScanwatchJob.build). */
    private static final boolean CACHED = !BACKEND.equals("hashmap");
    /** Fewer sweepers, each over more hosts: a source's state grows with its evidence. */
    private static final int DEFAULT_SWEEPERS = 2_000;
    private static final int SWEEPERS = Integer.getInteger("scanwatch.flink.bench.sweepers", DEFAULT_SWEEPERS);

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @Test
    void attemptsPerSecond() throws Exception {
        String in = "bench-attempts";
        KafkaBroker.createTopics(4, in, "bench-alerts-1", "bench-alerts-2");
        long produced = produce(in);
        List<String> report = new ArrayList<>();
        report.add("attempts=" + produced + " sweepers=" + SWEEPERS + " state_backend=" + BACKEND + " state_cache_mb=" + (CACHED ? CACHE_MB : "unused") + " checkpoint_s=" + CHECKPOINT_SECONDS + " partitions=4 cores=" + Runtime.getRuntime().availableProcessors());
        for (int parallelism : new int[]{1, 2}) {
            String out = "bench-alerts-" + parallelism;
            JobOptions options = new JobOptions().bootstrap(KafkaBroker.bootstrap()).inTopic(in).outTopic(out)
                    .groupId("bench-" + parallelism).parallelism(parallelism).start("earliest").bounded(true)
                    .name("bench-" + parallelism).stateBackend(BACKEND).stateCacheBytes(CACHE_MB << 20)
                    .checkpointInterval(Duration.ofSeconds(CHECKPOINT_SECONDS));
            Configuration conf = ScanwatchJob.configuration(options);
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
            ScanwatchJob.build(env, options, UnaryOperator.identity());
            long t0 = System.nanoTime();
            env.execute(options.name);
            double seconds = (System.nanoTime() - t0) / 1e9;
            int alerts = KafkaBroker.readAll(out, true).size();
            String line = String.format("parallelism=%d seconds=%.1f attempts_per_s=%.0f alert_events=%d",
                    parallelism, seconds, produced / seconds, alerts);
            System.out.println("scanwatch-flink throughput: " + line);
            report.add(line);
            assertThat(alerts).isPositive();
        }
        String suffix = (SWEEPERS == DEFAULT_SWEEPERS ? "" : "-" + SWEEPERS)
                        + (!CACHED || CACHE_MB << 20 == JobOptions.DEFAULT_STATE_CACHE_BYTES ? "" : "-cache" + CACHE_MB)
                        + (System.getProperty("scanwatch.flink.bench.checkpoint_s") == null ? "" : "-cp" + CHECKPOINT_SECONDS);
        Files.write(Path.of("target", "flink-throughput-" + BACKEND + suffix + ".txt"), report, StandardCharsets.UTF_8);
    }

    /**
     * A mix like an edge's: 2,000 sweepers (one port over a /16, mostly no answer; their number is
     * {@code -Dscanwatch.flink.bench.sweepers}), 200 vertical
     * scanners, and clients whose contacts succeed; event time 20 µs apart.
     */
    private static long produce(String topic) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrap());
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(512 * 1024));
        SplittableRandom random = new SplittableRandom(7);
        long t = 1_795_366_408_000_000_000L;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(),
                new StringSerializer())) {
            for (int i = 0; i < ATTEMPTS; i++) {
                t += 20_000;
                int kind = random.nextInt(10);
                Attempt a;
                if (kind < 5) { // sweeper
                    int s = random.nextInt(SWEEPERS);
                    a = new Attempt(t, IpAddress.ofV4(0xC6336400 + s), IpAddress.ofV4(0x0A000000 + random.nextInt(65536)),
                            Protocol.TCP, 445 + (s % 3), 40000 + s, Technique.SYN,
                            random.nextInt(10) == 0 ? Outcome.CLOSED : Outcome.FILTERED);
                } else if (kind < 7) { // vertical scanner of one host
                    int s = random.nextInt(200);
                    a = new Attempt(t, IpAddress.ofV4(0xCB007100 + s), IpAddress.ofV4(0x0A010000 + s),
                            Protocol.TCP, 1 + random.nextInt(65535), 50000, Technique.SYN, Outcome.CLOSED);
                } else { // clients: contacts succeed
                    int s = random.nextInt(20000);
                    a = new Attempt(t, IpAddress.ofV4(0x0A100000 + s), IpAddress.ofV4(0x5DB8D800 + random.nextInt(256)),
                            Protocol.TCP, 443, 30000 + random.nextInt(30000), Technique.CONNECT, Outcome.OPEN);
                }
                producer.send(new ProducerRecord<>(topic, a.src().toString(), AttemptJson.encode(a)));
            }
            producer.flush();
        }
        return ATTEMPTS;
    }
}
