package dev.scanwatch.flink;

import dev.scanwatch.core.alert.Alert;
import dev.scanwatch.core.alert.AlertState;
import dev.scanwatch.core.detect.DetectorConfig;
import dev.scanwatch.core.detect.SourceActivity;
import dev.scanwatch.core.distributed.DistributedScanCorrelator;
import dev.scanwatch.core.model.Attempt;
import dev.scanwatch.core.model.Outcome;
import dev.scanwatch.core.model.Protocol;
import dev.scanwatch.core.model.Technique;
import dev.scanwatch.core.net.IpAddress;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DecoyCorrelatorTest {

    private static final long T0_MILLIS = 1_795_366_408_000L;

    /** A closed port scan of 30 ports of 10.1.0.9, its last probe at T0 + 29 ms. */
    private static Alert closedPortScan() {
        return closedPortScan("198.51.100.7", 1);
    }

    /** The same from {@code scanner}, on ports {@code firstPort} to {@code firstPort} + 29. */
    private static Alert closedPortScan(String scannerAddress, int firstPort) {
        DetectorConfig config = DetectorSettings.defaults().detectorConfig();
        IpAddress scanner = IpAddress.parse(scannerAddress);
        SourceActivity s = new SourceActivity(scanner, Protocol.TCP, false);
        for (int i = 0; i < 30; i++) {
            s.offer(new Attempt((T0_MILLIS + i) * 1_000_000L, scanner, IpAddress.parse("10.1.0.9"), Protocol.TCP,
                    firstPort + i, 40000, Technique.SYN, Outcome.CLOSED), config, () -> 7);
        }
        Alert a = s.alert(AlertState.CLOSED, config);
        assertThat(DistributedScanCorrelator.isCandidate(a)).isTrue();
        return a;
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, Alert, Alert> harness() throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<String, Alert, Alert>(
                new KeyedProcessOperator<>(new DecoyCorrelator(DetectorSettings.defaults())),
                a -> ScanwatchJob.key(a.target(), a.protocol()), Types.STRING);
        h.getExecutionConfig().configure(ScanwatchJob.configuration(new JobOptions()),
                DecoyCorrelatorTest.class.getClassLoader());
        return h;
    }

    /** A scan that arrived later but is due sooner is not kept waiting behind the other. */
    @Test
    void scansAreReleasedInTheOrderTheyAreDueNotTheOrderTheyCame() throws Exception {
        long idleMillis = DetectorSettings.defaults().detectorConfig().sourceIdle().toMillis();
        long holdMillis = DistributedScanCorrelator.DEFAULT_HOLD.toMillis();
        Alert later = closedPortScan("198.51.100.7", 1);     // closed from the long horizon, 10 s after the other
        Alert sooner = closedPortScan("203.0.113.5", 10_001); // other ports: not a partner
        long soonerDue = EventTime.millis(sooner.lastNanos()) + idleMillis + holdMillis;
        try (var h = harness()) {
            h.open();
            h.processElement(new StreamRecord<>(later, soonerDue - holdMillis + 10_000));
            h.processElement(new StreamRecord<>(sooner, T0_MILLIS + 30));
            h.processWatermark(soonerDue);
            assertThat(h.extractOutputValues()).extracting(Alert::src).containsExactly(sooner.src());
            h.processWatermark(soonerDue + 10_000);
            assertThat(h.extractOutputValues()).extracting(Alert::src).containsExactly(sooner.src(), later.src());
        }
    }

    /**
     * Held from when the scan closed, at the earliest its last activity plus source_idle, even
     * when the record carries an earlier time.
     */
    @Test
    void aClosedScanIsHeldFromItsCloseNotFromItsRecordsTime() throws Exception {
        long idleMillis = DetectorSettings.defaults().detectorConfig().sourceIdle().toMillis();
        long holdMillis = DistributedScanCorrelator.DEFAULT_HOLD.toMillis();
        Alert scan = closedPortScan();
        long closedAtMillis = EventTime.millis(scan.lastNanos()) + idleMillis;
        try (var h = harness()) {
            h.open();
            h.processElement(new StreamRecord<>(scan, T0_MILLIS + 30)); // long before the close
            h.processWatermark(T0_MILLIS + 30 + holdMillis);
            assertThat(h.extractOutputValues()).as("not released a hold after the record's time").isEmpty();
            h.processWatermark(closedAtMillis + holdMillis - 1);
            assertThat(h.extractOutputValues()).isEmpty();
            h.processWatermark(closedAtMillis + holdMillis);
            assertThat(h.extractOutputValues()).singleElement()
                    .satisfies(a -> assertThat(a.sources()).containsExactly(scan.src()));
        }
    }
}
