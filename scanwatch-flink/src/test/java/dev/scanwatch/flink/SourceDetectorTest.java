package dev.scanwatch.flink;

import dev.scanwatch.core.alert.Alert;
import dev.scanwatch.core.alert.AlertState;
import dev.scanwatch.core.detect.DetectorConfig;
import dev.scanwatch.core.detect.SourceActivity;
import dev.scanwatch.core.model.Attempt;
import dev.scanwatch.core.model.Outcome;
import dev.scanwatch.core.model.Protocol;
import dev.scanwatch.core.model.Technique;
import dev.scanwatch.core.net.IpAddress;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The per-source operator on Flink's test harness: attempts wait for the watermark, go in as one
 * batch in arrival order, and survive a snapshot while they wait.
 */
class SourceDetectorTest {

    private static final long T0_MILLIS = 1_795_366_408_000L;
    private static final IpAddress SWEEPER = IpAddress.parse("198.51.100.7");

    private static KeyedOneInputStreamOperatorTestHarness<String, Attempt, Contact> harness() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, Attempt, Contact> h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new SourceDetector(DetectorSettings.defaults())),
                a -> ScanwatchJob.key(a.src(), a.protocol()), Types.STRING);
        h.getExecutionConfig().configure(ScanwatchJob.configuration(new JobOptions()),
                SourceDetectorTest.class.getClassLoader());
        return h;
    }

    /** The i-th probe of a SYN sweep of port 445, i ms after T0, refused. */
    private static Attempt probe(int i) {
        return new Attempt((T0_MILLIS + i) * 1_000_000L, SWEEPER, IpAddress.parse("10.1.0." + (i + 1)),
                Protocol.TCP, 445, 40000, Technique.SYN, Outcome.CLOSED);
    }

    private static void send(KeyedOneInputStreamOperatorTestHarness<String, Attempt, Contact> h, int from, int to)
            throws Exception {
        for (int i = from; i < to; i++) {
            h.processElement(new StreamRecord<>(probe(i), T0_MILLIS + i));
        }
    }

    private static List<Alert> alerts(KeyedOneInputStreamOperatorTestHarness<String, Attempt, Contact> h) {
        var side = h.getSideOutput(SourceDetector.ALERTS);
        return side == null ? List.of() : side.stream().map(StreamRecord::getValue).toList();
    }

    /** Whether the source has fired after each of probes 0..count-1, by the core's own rule. */
    private static List<Boolean> firedAfterEach(int count) {
        DetectorConfig config = DetectorSettings.defaults().detectorConfig();
        SourceActivity activity = new SourceActivity(SWEEPER, Protocol.TCP, config.homeNets().contains(SWEEPER));
        List<Boolean> fired = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            activity.offer(probe(i), config, () -> 1);
            fired.add(activity.fired());
        }
        return fired;
    }

    /** What a batch must hand on: probes from..to-1 in arrival order, each with the embedded answer. */
    private static void assertContactsOfProbes(List<Contact> contacts, int from, int to) {
        assertThat(contacts).extracting(Contact::attempt)
                .containsExactlyElementsOf(IntStream.range(from, to).mapToObj(SourceDetectorTest::probe).toList());
        assertThat(contacts).extracting(Contact::sourceFired).containsExactlyElementsOf(firedAfterEach(to).subList(from, to));
    }

    @Test
    void attemptsWaitForTheWatermarkThenGoInTogetherInArrivalOrder() throws Exception {
        try (var h = harness()) {
            h.open();
            send(h, 0, 25);
            assertThat(h.extractOutputValues()).as("nothing before the watermark passes them").isEmpty();
            assertThat(alerts(h)).isEmpty();

            h.processWatermark(T0_MILLIS + 100);
            assertContactsOfProbes(h.extractOutputValues(), 0, 25);
            assertThat(firedAfterEach(25)).contains(false, true); // the batch crosses the threshold
            // Opened by the attempt that crossed the threshold, updated at the first escalation level (20).
            assertThat(alerts(h)).extracting(Alert::state, Alert::attempts).containsExactly(
                    tuple(AlertState.OPEN, (long) firedAfterEach(25).indexOf(true) + 1), tuple(AlertState.UPDATED, 20L));
        }
    }

    @Test
    void aLateAttemptWaitsForTheNextStepOfTheWatermark() throws Exception {
        try (var h = harness()) {
            h.open();
            h.processWatermark(T0_MILLIS + 1_000);
            send(h, 0, 1); // 1 s behind the watermark
            assertThat(h.extractOutputValues()).isEmpty();
            h.processWatermark(T0_MILLIS + 1_001);
            assertContactsOfProbes(h.extractOutputValues(), 0, 1);
        }
    }

    /**
     * An attempt earlier than those waiting brings the batch forward: the watermark must not pass
     * it while it waits, or the per-target detector's timers would fire before its contact came.
     */
    @Test
    void anEarlierAttemptBringsTheBatchForward() throws Exception {
        try (var h = harness()) {
            h.open();
            h.processElement(new StreamRecord<>(probe(100), T0_MILLIS + 100));
            h.processElement(new StreamRecord<>(probe(50), T0_MILLIS + 50)); // out of order, not late
            h.processWatermark(T0_MILLIS + 60);
            assertThat(h.extractOutputValues()).extracting(Contact::attempt).containsExactly(probe(100), probe(50));
        }
    }

    /** An attempt that comes after its key's deadline closes the old activity first, inside its batch. */
    @Test
    void anAttemptPastTheDeadlineClosesTheOldActivityInItsBatch() throws Exception {
        long idleMillis = DetectorSettings.defaults().detectorConfig().sourceIdle().toMillis();
        try (var h = harness()) {
            h.open();
            send(h, 0, 25);
            h.processWatermark(T0_MILLIS + 100);
            Attempt later = new Attempt((T0_MILLIS + 24 + idleMillis + 1_000) * 1_000_000L, SWEEPER,
                    IpAddress.parse("10.2.0.1"), Protocol.TCP, 445, 40000, Technique.SYN, Outcome.CLOSED);
            h.processElement(new StreamRecord<>(later, EventTime.millis(later.timeNanos())));
            // The watermark jumps past the old deadline and the new attempt at once: the idle timer
            // comes first and applies the waiting attempt before it decides.
            h.processWatermark(EventTime.millis(later.timeNanos()));
            assertThat(alerts(h)).extracting(Alert::state)
                    .containsExactly(AlertState.OPEN, AlertState.UPDATED, AlertState.CLOSED);
            assertThat(alerts(h).get(2).attempts()).isEqualTo(25);
            List<Contact> contacts = h.extractOutputValues();
            assertThat(contacts.get(contacts.size() - 1)).isEqualTo(new Contact(later, false));
        }
    }

    @Test
    void waitingAttemptsSurviveASnapshot() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness()) {
            h.open();
            send(h, 0, 3);
            h.processWatermark(T0_MILLIS + 1); // the timer of the first: all three waiting go in
            assertContactsOfProbes(h.extractOutputValues(), 0, 3);
            assertThat(alerts(h)).isEmpty();
            send(h, 3, 25);
            snapshot = h.snapshot(1, T0_MILLIS + 10);
        }
        try (var restored = harness()) {
            restored.initializeState(snapshot);
            restored.open();
            restored.processWatermark(T0_MILLIS + 100);
            assertContactsOfProbes(restored.extractOutputValues(), 3, 25);
            assertThat(alerts(restored)).extracting(Alert::state)
                    .containsExactly(AlertState.OPEN, AlertState.UPDATED);
        }
    }
}
