package dev.scanwatch.flink;

import dev.scanwatch.io.SharedTraces;

import dev.scanwatch.core.model.Attempt;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Flink job end to end: `scanwatch publish` to a real Kafka broker, the job on a MiniCluster,
 * its alerts read back from Kafka and compared with the embedded pipeline's (`scanwatch analyze`).
 */
@ExtendWith(KafkaBroker.class)
class FlinkJobTest {

    private static final int PARALLELISM = 2;

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(PARALLELISM)
            .build());

    private static Path loopback() {
        Path traces = SharedTraces.find();
        Path dir = traces == null ? null : traces.resolve("loopback");
        Assumptions.assumeTrue(dir != null && Files.isDirectory(dir),
                "skipped: the shared traces (-Dscanwatch.shared=.../shared, traces/loopback) are not here");
        return dir;
    }

    /** (a) Same answers: every loopback capture gives the embedded pipeline's closed alerts. */
    @TestFactory
    Stream<DynamicTest> sameAnswersAsEmbedded() throws IOException {
        Path dir = loopback();
        List<Path> captures;
        try (Stream<Path> files = Files.list(dir)) {
            captures = files.filter(f -> f.getFileName().toString().endsWith(".pcap")).sorted().toList();
        }
        assertThat(captures).isNotEmpty();
        return captures.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            String name = f.getFileName().toString().replace(".pcap", "").replace('_', '-');
            Result r = runJob(name, JobKind.PLAIN, f);
            assertThat(r.flink()).as("closed alerts of the Flink job for %s", f.getFileName())
                    .isEqualTo(r.embedded());
        }));
    }

    /** (b) A failure mid-stream: the job restarts from its last checkpoint and gives the same alerts, once. */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void restartsFromCheckpointWithTheSameAlerts() throws Exception {
        restartsFromCheckpoint("restart", JobKind.FAIL_ONCE);
    }

    /** (b) The same on RocksDB, whose state goes through the detectors' caches: they write back before each checkpoint. */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void restartsFromARocksDbCheckpointWithTheSameAlerts() throws Exception {
        restartsFromCheckpoint("restart-rocksdb", JobKind.FAIL_ONCE_ROCKSDB);
    }

    private static void restartsFromCheckpoint(String name, JobKind kind) throws Exception {
        Path f = loopback().resolve("scan_decoy.pcap");
        Result r = runJob(name, kind, f);
        assertThat(FailOnce.FAILED).as("the injected failure happened").isTrue();
        assertThat(FailOnce.CHECKPOINTS_BEFORE_FAILURE.get()).as("checkpoints completed before it").isPositive();
        // Once (23 Nov) the committed output came back empty and did not again in 30 runs: if it
        // recurs, what was written at all, committed or not, tells the sink from the detectors.
        assertThat(r.flink()).as(() -> "committed: " + r.lines() + "; written, committed or not: "
                + KafkaBroker.readAll("alerts-" + name, false)).isEqualTo(r.embedded()).isNotEmpty();
        // Exactly once: what read_committed consumers see holds no alert event twice (a replay
        // from the checkpoint would repeat events written since it, were they not transactional).
        assertThat(r.lines()).doesNotHaveDuplicates();
    }

    /** (c) The RocksDB state backend gives the same alerts. */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void rocksDbStateBackend() throws Exception {
        Path f = loopback().resolve("scan_decoy.pcap");
        Result r = runJob("rocksdb", JobKind.ROCKSDB, f);
        assertThat(StateProbe.COPIES).as("state read back as copies: RocksDB, not the heap backend").isTrue();
        assertThat(StateProbe.SAME).isFalse();
        assertThat(r.flink()).isEqualTo(r.embedded()).isNotEmpty();
    }

    enum JobKind { PLAIN, FAIL_ONCE, FAIL_ONCE_ROCKSDB, ROCKSDB }

    record Result(TreeSet<String> flink, TreeSet<String> embedded, List<String> lines) {
    }

    private static Result runJob(String name, JobKind kind, Path capture) throws Exception {
        String in = "attempts-" + name;
        String out = "alerts-" + name;
        KafkaBroker.createTopics(PARALLELISM, in, out);
        // 60 s, not publish's 15: twice in about 20 cold runs of this class on a loaded 2-core
        // machine the broker accepted nothing for 15 s (always the eighth capture), and publish gave up.
        Alerts.run("publish", capture.toString(), "--kafka", KafkaBroker.bootstrap(), "--topic", in,
                "--timeout", "60");

        boolean checkpointing = kind == JobKind.FAIL_ONCE || kind == JobKind.FAIL_ONCE_ROCKSDB;
        JobOptions options = new JobOptions()
                .bootstrap(KafkaBroker.bootstrap()).inTopic(in).outTopic(out).groupId("test-" + name)
                .parallelism(PARALLELISM).start("earliest").bounded(true).name("scanwatch-" + name)
                .checkpointInterval(checkpointing ? Duration.ofMillis(100) : Duration.ZERO)
                .exactlyOnce(checkpointing)
                .stateBackend(kind == JobKind.ROCKSDB || kind == JobKind.FAIL_ONCE_ROCKSDB ? "rocksdb" : "hashmap");
        Configuration conf = ScanwatchJob.configuration(options);
        UnaryOperator<org.apache.flink.streaming.api.datastream.DataStream<Attempt>> tap = UnaryOperator.identity();
        if (checkpointing) {
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
            FailOnce.reset();
            tap = s -> s.map(new FailOnce(100)).returns(TypeInformation.of(Attempt.class)).name("fail once");
        } else if (kind == JobKind.ROCKSDB) {
            tap = s -> s.keyBy(a -> a.src().toString(), Types.STRING).process(new StateProbe())
                    .returns(TypeInformation.of(Attempt.class)).name("state probe");
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        ScanwatchJob.build(env, options, tap);
        env.execute(options.name);

        List<String> lines = KafkaBroker.readAll(out, checkpointing);
        return new Result(Alerts.closedShown(lines), Alerts.embedded(capture.toString()), lines);
    }

    /**
     * Throws once, on a record after at least one checkpoint completed, then lets records pass;
     * slowed down until then so that the failure comes mid-stream. More slowly before the first
     * checkpoint has completed: RocksDB's first one can take a second on a loaded machine, and
     * the 300-odd attempts must not all pass before it.
     */
    static final class FailOnce implements MapFunction<Attempt, Attempt>, CheckpointListener {
        static volatile boolean FAILED;
        static final AtomicInteger CHECKPOINTS_BEFORE_FAILURE = new AtomicInteger();
        static final AtomicInteger SEEN = new AtomicInteger();
        private final int after;

        FailOnce(int after) {
            this.after = after;
        }

        static void reset() {
            FAILED = false;
            CHECKPOINTS_BEFORE_FAILURE.set(0);
            SEEN.set(0);
        }

        @Override
        public Attempt map(Attempt a) throws Exception {
            if (!FAILED) {
                Thread.sleep(CHECKPOINTS_BEFORE_FAILURE.get() == 0 ? 20 : 3);
                if (SEEN.incrementAndGet() >= after && CHECKPOINTS_BEFORE_FAILURE.get() > 0) {
                    FAILED = true;
                    throw new IllegalStateException("injected failure at attempt " + SEEN.get());
                }
            }
            return a;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            if (!FAILED) {
                CHECKPOINTS_BEFORE_FAILURE.incrementAndGet();
            }
        }
    }

    /** Tells the heap backend (value() hands back the same object) from RocksDB (a fresh copy each time). */
    static final class StateProbe extends KeyedProcessFunction<String, Attempt, Attempt> {
        static final AtomicBoolean COPIES = new AtomicBoolean();
        static final AtomicBoolean SAME = new AtomicBoolean();
        private transient ValueState<int[]> seen;

        @Override
        public void open(OpenContext context) {
            seen = getRuntimeContext().getState(new ValueStateDescriptor<>("seen", int[].class));
        }

        @Override
        public void processElement(Attempt a, Context ctx, Collector<Attempt> out) throws Exception {
            int[] first = seen.value();
            if (first == null) {
                seen.update(new int[]{1});
            } else {
                (first == seen.value() ? SAME : COPIES).set(true);
            }
            out.collect(a);
        }
    }

}
