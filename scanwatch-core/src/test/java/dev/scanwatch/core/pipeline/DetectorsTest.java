package dev.scanwatch.core.pipeline;

import dev.scanwatch.core.alert.Alert;
import dev.scanwatch.core.alert.AlertListener;
import dev.scanwatch.core.alert.AlertState;
import dev.scanwatch.core.detect.DetectorConfig;
import dev.scanwatch.core.model.Attempt;
import dev.scanwatch.core.model.Outcome;
import dev.scanwatch.core.model.Protocol;
import dev.scanwatch.core.model.ScanKind;
import dev.scanwatch.core.model.Technique;
import dev.scanwatch.core.net.IpAddress;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DetectorsTest {

    /** A listener that reads only the closes, as a batch report does. */
    private static final class ClosesOnly implements AlertListener {
        final List<Alert> alerts = new ArrayList<>();

        @Override
        public boolean wantsProgress() {
            return false;
        }

        @Override
        public void onAlert(Alert alert) {
            alerts.add(alert);
        }
    }

    private static void feed(Detectors d) {
        long t = 1_000_000_000L;
        // A sweep of port 445 long enough to escalate, from one source.
        for (int host = 1; host <= 300; host++) {
            d.onAttempt(new Attempt(t += 1_000_000, IpAddress.parse("203.0.113.7"), IpAddress.ofV4(10, 0, host / 256, host % 256),
                    Protocol.TCP, 445, 40000, Technique.SYN, Outcome.FILTERED));
            d.advanceTo(t);
        }
        // Eight bots sharing out 24 ports of one host, three each (too few for the sequential
        // test to call any of them a scanner): a distributed scan.
        for (int bot = 1; bot <= 8; bot++) {
            for (int i = 0; i < 3; i++) {
                d.onAttempt(new Attempt(t += 1_000_000, IpAddress.parse("198.51.100." + bot), IpAddress.parse("10.9.0.5"),
                        Protocol.TCP, 1000 + bot * 3 + i, 40000, Technique.SYN, Outcome.CLOSED));
                d.advanceTo(t);
            }
        }
        d.finish();
    }

    @Test
    void aListenerOfClosesOnlyGetsTheSameClosesAndNothingElse() {
        List<Alert> all = new ArrayList<>();
        feed(new Detectors(DetectorConfig.defaults(), all::add));
        ClosesOnly closes = new ClosesOnly();
        feed(new Detectors(DetectorConfig.defaults(), closes));

        assertThat(all).extracting(Alert::state).contains(AlertState.OPEN, AlertState.UPDATED, AlertState.CLOSED);
        assertThat(all).extracting(Alert::kind).contains(ScanKind.PORTSWEEP, ScanKind.DISTRIBUTED);
        List<Alert> closedOfAll = all.stream().filter(a -> a.state() == AlertState.CLOSED).toList();
        assertThat(closes.alerts).isNotEmpty().isEqualTo(closedOfAll);
    }
}
