package dev.scanwatch.flink;

import dev.scanwatch.cli.PublishCommand.AttemptJson;
import dev.scanwatch.core.alert.Alert;
import dev.scanwatch.core.alert.AlertState;
import dev.scanwatch.core.detect.DetectorConfig;
import dev.scanwatch.core.detect.SourceActivity;
import dev.scanwatch.core.distributed.TargetActivity;
import dev.scanwatch.core.model.Attempt;
import dev.scanwatch.core.model.Outcome;
import dev.scanwatch.core.model.Protocol;
import dev.scanwatch.core.model.Technique;
import dev.scanwatch.core.net.IpAddress;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The job's state and records survive Flink's serializers as configured by
 * {@link ScanwatchJob#SERIALIZATION_CONFIG}: what a checkpoint, a restore and RocksDB rely on.
 */
class SerializationTest {

    private static final DetectorConfig CONFIG = DetectorConfig.defaults();
    private static final long T0 = 1_795_366_408_000_000_000L;
    private static final IpAddress SCANNER = IpAddress.parse("198.51.100.7");
    private static final IpAddress HOST = IpAddress.parse("10.1.0.9");

    private static <T> TypeSerializer<T> serializer(Class<T> type) {
        ExecutionConfig ec = new ExecutionConfig();
        ec.configure(ScanwatchJob.configuration(new JobOptions()), SerializationTest.class.getClassLoader());
        return TypeInformation.of(type).createSerializer(ec.getSerializerConfig());
    }

    private static <T> T roundTrip(TypeSerializer<T> s, T value) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(1024);
        s.serialize(value, out);
        T back = s.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        // ...and a copy from a snapshot of the serializer (what a restore uses).
        TypeSerializer<T> restored = s.snapshotConfiguration().restoreSerializer();
        DataOutputSerializer again = new DataOutputSerializer(1024);
        restored.serialize(back, again);
        return restored.deserialize(new DataInputDeserializer(again.getCopyOfBuffer()));
    }

    private static Attempt attempt(int i, Outcome outcome) {
        return new Attempt(T0 + i * 1_000_000L, SCANNER, HOST, Protocol.TCP, 1 + i, 40000, Technique.SYN, outcome);
    }

    @Test
    void sourceActivityKeepsItsEvidenceThroughState() throws IOException {
        AtomicLong ids = new AtomicLong(7);
        SourceState original = new SourceState(new SourceActivity(SCANNER, Protocol.TCP, false));
        for (int i = 0; i < 30; i++) {
            original.activity.offer(attempt(i, i % 10 == 0 ? Outcome.OPEN : Outcome.CLOSED), CONFIG, ids::getAndIncrement);
        }
        original.slow = true;
        original.firstNanos = T0;
        original.timerMillis = 123;
        assertThat(original.activity.fired()).isTrue();

        SourceState copy = roundTrip(serializer(SourceState.class), original);

        assertThat(copy.slow).isTrue();
        assertThat(copy.timerMillis).isEqualTo(123);
        assertThat(copy.activity.alert(AlertState.CLOSED, CONFIG)).isEqualTo(original.activity.alert(AlertState.CLOSED, CONFIG));
        // The fastutil sets inside work after the restore: a repeat is still a repeat, a new port is new.
        for (int i = 25; i < 140; i++) {
            Attempt a = attempt(i, Outcome.CLOSED);
            assertThat(copy.activity.offer(a, CONFIG, ids::getAndIncrement))
                    .isEqualTo(original.activity.offer(a, CONFIG, ids::getAndIncrement));
        }
        assertThat(copy.activity.alert(AlertState.CLOSED, CONFIG)).isEqualTo(original.activity.alert(AlertState.CLOSED, CONFIG));
        assertThat(copy.activity.alert(AlertState.CLOSED, CONFIG).attempts()).isEqualTo(145); // offers, repeats included
    }

    @Test
    void targetActivityThroughState() throws IOException {
        TargetState original = new TargetState(new TargetActivity(HOST, Protocol.TCP));
        AtomicLong ids = new AtomicLong();
        for (int s = 0; s < 6; s++) {
            IpAddress src = IpAddress.ofV4(203, 0, 113, s + 1);
            for (int p = 0; p < 5; p++) {
                original.activity.offer(new Attempt(T0 + s * 10 + p, src, HOST, Protocol.TCP, 1000 + s * 5 + p, 1,
                        Technique.SYN, Outcome.CLOSED), false, x -> false, ids::getAndIncrement);
            }
        }
        assertThat(original.activity.fired()).isTrue();
        TargetState copy = roundTrip(serializer(TargetState.class), original);
        assertThat(copy.activity.alert(AlertState.CLOSED, x -> false, 1024, CONFIG.homeNets()))
                .isEqualTo(original.activity.alert(AlertState.CLOSED, x -> false, 1024, CONFIG.homeNets()));
    }

    @Test
    void alertsAndHeldAlertsThroughKryo() throws IOException {
        SourceActivity s = new SourceActivity(SCANNER, Protocol.TCP, false);
        for (int i = 0; i < 40; i++) {
            s.offer(attempt(i, i == 3 ? Outcome.OPEN : Outcome.FILTERED), CONFIG, () -> 42);
        }
        Alert alert = s.alert(AlertState.CLOSED, CONFIG);
        assertThat(roundTrip(serializer(Alert.class), alert)).isEqualTo(alert);
        DecoyCorrelator.Held held = new DecoyCorrelator.Held(alert, T0);
        assertThat(roundTrip(serializer(DecoyCorrelator.Held.class), held)).isEqualTo(held);
        Alert suppressed = new Alert(1, AlertState.OPEN, alert.kind(), Protocol.UDP, SCANNER, List.of(SCANNER, HOST),
                null, List.of(), 0, List.of(), 1, HOST, HOST, 1, 2, 3, 4, 5, 6, 7, new ArrayList<>(),
                alert.direction(), alert.severity(), 9, "x", "p2p");
        assertThat(roundTrip(serializer(Alert.class), suppressed)).isEqualTo(suppressed);
    }

    @Test
    void contactsBetweenOperators() throws IOException {
        Contact c = new Contact(attempt(5, Outcome.FILTERED), true);
        assertThat(roundTrip(serializer(Contact.class), c)).isEqualTo(c);
        assertThat(roundTrip(serializer(Attempt.class), c.attempt())).isEqualTo(c.attempt());
    }

    @Test
    void attemptSchema() {
        Attempt a = new Attempt(T0 + 123_456_789L, SCANNER, IpAddress.parse("2001:db8::1"), Protocol.UDP, 53, 5353,
                Technique.UDP, Outcome.UNKNOWN);
        String json = AttemptJson.encode(a);
        assertThat(json).isEqualTo("{\"time\":1795366408123456789,\"src\":\"198.51.100.7\",\"dst\":\"2001:db8::1\","
                                   + "\"proto\":\"udp\",\"port\":53,\"sport\":5353,\"technique\":\"udp\","
                                   + "\"outcome\":\"unknown\"}");
        assertThat(AttemptJson.decode(json)).isEqualTo(a);
        assertThat(AttemptJson.decode("{\"extra\":{\"x\":[1]},\"time\":\"2026-11-22T16:53:28.123456789Z\","
                                      + "\"src\":\"198.51.100.7\",\"dst\":\"2001:db8::1\",\"proto\":\"udp\",\"port\":53,"
                                      + "\"technique\":\"udp\",\"outcome\":\"unknown\"}").timeNanos())
                .isEqualTo(1_795_366_408_123_456_789L);
        assertThatThrownBy(() -> AttemptJson.decode("{\"time\":1}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AttemptJson.decode("not json")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void alertIdsAreStableAndNeverNegative() {
        long a = AlertIds.of(AlertIds.SOURCE, SCANNER, Protocol.TCP, T0);
        assertThat(a).isEqualTo(AlertIds.of(AlertIds.SOURCE, SCANNER, Protocol.TCP, T0)).isNotNegative();
        assertThat(a).isNotEqualTo(AlertIds.of(AlertIds.TARGET, SCANNER, Protocol.TCP, T0))
                .isNotEqualTo(AlertIds.of(AlertIds.SOURCE, SCANNER, Protocol.UDP, T0))
                .isNotEqualTo(AlertIds.of(AlertIds.SOURCE, SCANNER, Protocol.TCP, T0 + 1));
    }
}
