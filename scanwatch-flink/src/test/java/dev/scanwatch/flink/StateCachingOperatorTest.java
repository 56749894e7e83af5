package dev.scanwatch.flink;

import dev.scanwatch.core.alert.Alert;
import dev.scanwatch.core.detect.DetectorConfig;
import dev.scanwatch.core.model.Attempt;
import dev.scanwatch.core.model.Outcome;
import dev.scanwatch.core.model.Protocol;
import dev.scanwatch.core.model.Technique;
import dev.scanwatch.core.net.IpAddress;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The keyed detectors behind their state caches, on Flink's operator test harness (no cluster):
 * a cache far too small for the sweepers (so values are written back mid-stream), and a
 * checkpoint and restore in the middle, give the alerts and outputs of the detector reading and
 * writing the backend on every attempt. Watermarks trail the attempts as in the job, and a pause
 * longer than source_idle splits the stream, so activities close both by their timers and when
 * a late attempt finds its key idle.
 *
 * <p>The harness's {@code snapshot} does not call {@code prepareSnapshotPreBarrier}; these tests
 * call it as the task does, so they prove the write-back, not that Flink asks for it
 * ({@code FlinkJobTest}'s restart on RocksDB does).
 */
class StateCachingOperatorTest {

    private static final long T0_MILLIS = 1_795_366_408_000L;
    private static final int SWEEPERS = 3;
    private static final int ROUNDS = 400;
    private static final long WATERMARK_DELAY_MILLIS = 6_000;
    private static final int WATERMARK_EVERY = 50;
    /** A checkpoint every so many records, which the run goes on from (kept entries on RocksDB). */
    private static final int CHECKPOINT_EVERY = 700;
    /** Small enough that three sweepers of 400 hosts do not fit: values are written back mid-stream. */
    private static final long TINY_BUDGET = 16 << 10;

    /**
     * Three sweepers of port 445, interleaved with a port scan and a distributed scan, one attempt a millisecond; then,
     * after a pause longer than source_idle, the same again over other hosts and ports.
     */
    private static List<Attempt> attempts() {
        List<Attempt> attempts = new ArrayList<>();
        long pause = DetectorConfig.DEFAULT_SOURCE_IDLE.toMillis() + 60_000;
        long t = T0_MILLIS;
        IpAddress portScanner = IpAddress.parse("203.0.113.66");
        for (int phase = 0; phase < 2; phase++, t += pause) {
            IpAddress portScanned = IpAddress.parse("10.2.0." + (phase + 1));
            for (int r = 0; r < ROUNDS; r++) {
                for (int s = 0; s < SWEEPERS; s++) {
                    IpAddress sweeper = IpAddress.parse("198.51.100." + (s + 1));
                    int h = phase * ROUNDS + r;
                    IpAddress host = IpAddress.parse("10.1." + (h / 200) + "." + (h % 200 + 1));
                    attempts.add(new Attempt(t++ * 1_000_000L, sweeper, host, Protocol.TCP, 445, 40000 + s,
                            Technique.SYN, r % 50 == 0 ? Outcome.OPEN : Outcome.FILTERED));
                }
                attempts.add(new Attempt(t++ * 1_000_000L, portScanner, portScanned, Protocol.TCP, r + 1, 50000,
                        Technique.SYN, Outcome.CLOSED));
                if (r < 40) { // a distributed scan: 8 sources, 5 ports each, one target
                    attempts.add(new Attempt(t++ * 1_000_000L, IpAddress.parse("192.0.2." + (r % 8 + 1)),
                            IpAddress.parse("10.3.0." + (phase + 1)), Protocol.TCP, 1000 + r, 50001, Technique.SYN,
                            Outcome.CLOSED));
                }
            }
        }
        return attempts;
    }

    private record Run<OUT>(List<OUT> outputs, List<Alert> sideAlerts, KeyedStateCache<?> cache) {
    }

    /**
     * All of {@code in}, a watermark every few records, then the final watermark; a checkpoint
     * every {@link #CHECKPOINT_EVERY} records, gone on from, and a checkpoint and a restore into a
     * fresh detector before record {@code restoreAt} (-1: none).
     */
    private static <IN, OUT, F extends KeyedProcessFunction<String, IN, OUT> & StateCachingOperator.CachedStateFunction>
    Run<OUT> run(Supplier<F> detectors, KeySelector<IN, String> key, Function<IN, Attempt> attemptOf,
                 OutputTag<Alert> side, List<IN> in, long budgetBytes, Supplier<StateBackend> backend, int restoreAt)
            throws Exception {
        List<OUT> outputs = new ArrayList<>();
        List<Alert> sideAlerts = new ArrayList<>();
        F detector = detectors.get();
        var h = harness(detector, key, budgetBytes, backend.get());
        h.open();
        long checkpoint = 0;
        for (int i = 0; i < in.size(); i++) {
            long millis = attemptOf.apply(in.get(i)).timeNanos() / 1_000_000L;
            if (i % CHECKPOINT_EVERY == CHECKPOINT_EVERY - 1) {
                h.prepareSnapshotPreBarrier(++checkpoint);
                h.snapshot(checkpoint, millis);
            }
            if (i == restoreAt) {
                h.prepareSnapshotPreBarrier(++checkpoint);
                OperatorSubtaskState snapshot = h.snapshot(checkpoint, millis);
                collect(h, side, outputs, sideAlerts);
                h.close();
                detector = detectors.get();
                h = harness(detector, key, budgetBytes, backend.get());
                h.initializeState(snapshot);
                h.open();
            }
            h.processElement(new StreamRecord<>(in.get(i), millis));
            if (i % WATERMARK_EVERY == WATERMARK_EVERY - 1) {
                h.processWatermark(millis - WATERMARK_DELAY_MILLIS);
            }
        }
        h.processWatermark(Long.MAX_VALUE);
        collect(h, side, outputs, sideAlerts);
        KeyedStateCache<?> cache = detector.stateCache();
        h.close();
        return new Run<>(outputs, sideAlerts, cache);
    }

    private static <IN, OUT> KeyedOneInputStreamOperatorTestHarness<String, IN, OUT> harness(
            KeyedProcessFunction<String, IN, OUT> detector, KeySelector<IN, String> key, long budgetBytes,
            StateBackend backend) throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<String, IN, OUT>(
                new StateCachingOperator<>((KeyedProcessFunction<String, IN, OUT> & StateCachingOperator.CachedStateFunction) detector,
                        budgetBytes), key, Types.STRING);
        h.getExecutionConfig().configure(ScanwatchJob.configuration(new JobOptions()),
                StateCachingOperatorTest.class.getClassLoader());
        h.setStateBackend(backend);
        return h;
    }

    private static <IN, OUT> void collect(KeyedOneInputStreamOperatorTestHarness<String, IN, OUT> h,
                                          OutputTag<Alert> side, List<OUT> outputs, List<Alert> sideAlerts) {
        outputs.addAll(h.extractOutputValues());
        var records = side == null ? null : h.getSideOutput(side);
        if (records != null) {
            records.forEach(r -> sideAlerts.add(r.getValue()));
        }
    }

    private static Run<Contact> sources(long budgetBytes, Supplier<StateBackend> backend, int restoreAt)
            throws Exception {
        return run(() -> new SourceDetector(DetectorSettings.defaults()), a -> ScanwatchJob.key(a.src(), a.protocol()),
                a -> a, SourceDetector.ALERTS, attempts(), budgetBytes, backend, restoreAt);
    }

    private static Run<Alert> targets(List<Contact> contacts, long budgetBytes, Supplier<StateBackend> backend,
                                      int restoreAt) throws Exception {
        return run(() -> new TargetDetector(DetectorSettings.defaults()),
                c -> ScanwatchJob.key(c.attempt().dst(), c.attempt().protocol()), Contact::attempt, null, contacts,
                budgetBytes, backend, restoreAt);
    }

    @Test
    void aSmallCacheAndARestoreGiveTheSourceAlertsOfNoCache() throws Exception {
        Run<Contact> direct = sources(0, EmbeddedRocksDBStateBackend::new, -1);
        assertThat(direct.sideAlerts()).as("the sweepers and the port scan fire and close, in each phase")
                .hasSizeGreaterThan(8);

        Run<Contact> cached = sources(TINY_BUDGET, EmbeddedRocksDBStateBackend::new, attempts().size() / 4);
        assertThat(cached.cache().evictions()).as("the budget pushed values out mid-stream").isPositive();
        assertThat(cached.sideAlerts()).isEqualTo(direct.sideAlerts());
        assertThat(cached.outputs()).isEqualTo(direct.outputs());
    }

    /** The per-target detector, fed the contacts of the per-source one. */
    @Test
    void aSmallCacheAndARestoreGiveTheTargetAlertsOfNoCache() throws Exception {
        List<Contact> contacts = sources(0, HashMapStateBackend::new, -1).outputs();
        Run<Alert> direct = targets(contacts, 0, EmbeddedRocksDBStateBackend::new, -1);
        assertThat(direct.outputs()).as("the distributed scan opens and closes, in each phase").hasSize(4);
        Run<Alert> cached = targets(contacts, 4 << 10, EmbeddedRocksDBStateBackend::new, contacts.size() / 3);
        assertThat(cached.cache().evictions()).as("the budget pushed values out mid-stream").isPositive();
        assertThat(cached.outputs()).isEqualTo(direct.outputs());
    }

    /**
     * The same on the heap backend (the job does not cache there; an embedder may). The harness
     * finishes each snapshot before going on, so this cannot catch a value changed in place under
     * an asynchronous one; the flush empties the cache for that.
     */
    @Test
    void theHeapBackendToo() throws Exception {
        Run<Contact> direct = sources(0, HashMapStateBackend::new, -1);
        Run<Contact> cached = sources(TINY_BUDGET, HashMapStateBackend::new, attempts().size() / 3);
        assertThat(cached.cache().evictions()).isPositive();
        assertThat(cached.sideAlerts()).isEqualTo(direct.sideAlerts()).isNotEmpty();
        assertThat(cached.outputs()).isEqualTo(direct.outputs());
    }

    /**
     * Without the write-back before the barrier, the restored detector would have lost what it had
     * seen. On RocksDB the entries outlive the checkpoint, clean, and what changes after it is
     * written at the next one.
     */
    @Test
    void aCheckpointHoldsWhatTheCacheHadNotWrittenYet() throws Exception {
        List<Attempt> in = attempts();
        SourceDetector detector = new SourceDetector(DetectorSettings.defaults());
        KeySelector<Attempt, String> key = a -> ScanwatchJob.key(a.src(), a.protocol());
        var h = harness(detector, key, JobOptions.DEFAULT_STATE_CACHE_BYTES, new EmbeddedRocksDBStateBackend());
        h.open();
        for (Attempt a : in.subList(0, 40)) {
            h.processElement(new StreamRecord<>(a, a.timeNanos() / 1_000_000L));
        }
        String sweeper = ScanwatchJob.key(IpAddress.parse("198.51.100.1"), Protocol.TCP);
        long failures = failuresOf(h, detector, sweeper);
        assertThat(failures).isPositive();
        long keys = in.subList(0, 40).stream().map(a -> ScanwatchJob.key(a.src(), a.protocol())).distinct().count();
        assertThat(detector.stateCache().size()).as("every key still only in the cache").isEqualTo(keys);
        assertThat(detector.stateCache().dirtyEntries()).isEqualTo(keys);
        h.prepareSnapshotPreBarrier(1);
        assertThat(detector.stateCache().size()).as("kept across the checkpoint on RocksDB").isEqualTo(keys);
        assertThat(detector.stateCache().dirtyEntries()).as("written back before the barrier").isZero();
        OperatorSubtaskState first = h.snapshot(1, T0_MILLIS + 40);
        assertThat(restoredFailures(first, key, sweeper)).isEqualTo(failures);

        for (Attempt a : in.subList(40, 80)) {
            h.processElement(new StreamRecord<>(a, a.timeNanos() / 1_000_000L));
        }
        long later = failuresOf(h, detector, sweeper);
        assertThat(later).as("the kept entry went on changing").isGreaterThan(failures);
        h.prepareSnapshotPreBarrier(2);
        OperatorSubtaskState second = h.snapshot(2, T0_MILLIS + 80);
        h.close();
        assertThat(restoredFailures(second, key, sweeper)).as("changes to a kept entry reach the next checkpoint")
                .isEqualTo(later);
        assertThat(restoredFailures(first, key, sweeper)).as("and leave the checkpoint before alone").isEqualTo(failures);
    }

    /** The heap backend would snapshot a kept value while it changes in place: there the flush empties the cache. */
    @Test
    void onTheHeapBackendTheFlushEmptiesTheCache() throws Exception {
        SourceDetector detector = new SourceDetector(DetectorSettings.defaults());
        var h = harness(detector, (Attempt a) -> ScanwatchJob.key(a.src(), a.protocol()),
                JobOptions.DEFAULT_STATE_CACHE_BYTES, new HashMapStateBackend());
        h.open();
        for (Attempt a : attempts().subList(0, 40)) {
            h.processElement(new StreamRecord<>(a, a.timeNanos() / 1_000_000L));
        }
        assertThat(detector.stateCache().size()).isPositive();
        h.prepareSnapshotPreBarrier(1);
        assertThat(detector.stateCache().size()).isZero();
        h.close();
    }

    private static long failuresOf(KeyedOneInputStreamOperatorTestHarness<String, Attempt, Contact> h,
                                   SourceDetector detector, String key) throws Exception {
        h.getOperator().setCurrentKey(key);
        return ((SourceState) detector.stateCache().value()).activity.failures();
    }

    private static long restoredFailures(OperatorSubtaskState snapshot, KeySelector<Attempt, String> key,
                                         String sourceKey) throws Exception {
        SourceDetector restored = new SourceDetector(DetectorSettings.defaults());
        var h = harness(restored, key, JobOptions.DEFAULT_STATE_CACHE_BYTES, new EmbeddedRocksDBStateBackend());
        h.initializeState(snapshot);
        h.open();
        try {
            h.getOperator().setCurrentKey(sourceKey);
            SourceState s = (SourceState) restored.stateCache().value();
            assertThat(s).isNotNull();
            return s.activity.failures();
        } finally {
            h.close();
        }
    }
}
