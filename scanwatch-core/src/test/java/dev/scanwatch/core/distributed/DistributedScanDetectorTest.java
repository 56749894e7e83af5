package dev.scanwatch.core.distributed;

import dev.scanwatch.core.alert.Alert;
import dev.scanwatch.core.alert.AlertIds;
import dev.scanwatch.core.alert.AlertState;
import dev.scanwatch.core.model.Attempt;
import dev.scanwatch.core.model.Outcome;
import dev.scanwatch.core.model.Protocol;
import dev.scanwatch.core.model.ScanKind;
import dev.scanwatch.core.model.Technique;
import dev.scanwatch.core.net.CidrSet;
import dev.scanwatch.core.net.IpAddress;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class DistributedScanDetectorTest {

    private final List<Alert> alerts = new ArrayList<>();
    private final Set<String> firedAlone = new HashSet<>();
    private final DistributedScanDetector detector = new DistributedScanDetector(alerts::add,
            (src, proto) -> firedAlone.contains(src.toString()), Duration.ofMinutes(5), 1024,
            CidrSet.parse(List.of("10.0.0.0/8")), new AlertIds(), 10_000);

    private void probe(long t, String src, int port, Outcome o) {
        detector.onAttempt(new Attempt(t, IpAddress.parse(src), IpAddress.parse("10.0.0.5"), Protocol.TCP, port, 40000,
                Technique.SYN, o));
    }

    @Test
    void portsSharedOutAmongManySourcesAreOneDistributedScan() {
        // Six bots, each with four ports of the same host: none is a scanner alone.
        for (int bot = 1; bot <= 6; bot++) {
            for (int i = 0; i < 4; i++) {
                probe(bot * 10 + i, "203.0.113." + bot, 1000 + bot * 4 + i, Outcome.CLOSED);
            }
        }
        detector.finish();
        assertThat(alerts).extracting(Alert::state).containsExactly(AlertState.OPEN, AlertState.CLOSED);
        Alert a = alerts.get(1);
        assertThat(a.kind()).isEqualTo(ScanKind.DISTRIBUTED);
        assertThat(a.target()).hasToString("10.0.0.5");
        assertThat(a.sources()).hasSize(6);
        assertThat(a.portCount()).isEqualTo(24);
        assertThat(a.detectedAfter()).isEqualTo(20);
        assertThat(a.summary()).startsWith("[TCP-DISTRIBUTED-SCAN] (total=24,dp=1004-1027,min=10.0.0.5,max=10.0.0.5,");
    }

    @Test
    void sourcesWithAlertsOfTheirOwnDoNotCount() {
        for (int bot = 1; bot <= 6; bot++) {
            firedAlone.add("203.0.113." + bot);
            for (int i = 0; i < 4; i++) {
                probe(bot * 10 + i, "203.0.113." + bot, 1000 + bot * 4 + i, Outcome.CLOSED);
            }
        }
        detector.finish();
        assertThat(alerts).isEmpty();
    }

    @Test
    void aFloodOfSpoofedSourcesAtOnePortDoesNotGrowTheTarget() {
        TargetActivity t = new TargetActivity(IpAddress.parse("10.0.0.5"), Protocol.TCP);
        for (int i = 0; i < 100_000; i++) {
            t.offer(new Attempt(i, IpAddress.ofV4(0xC6120000 + i), IpAddress.parse("10.0.0.5"), Protocol.TCP, 80, 1024,
                    Technique.SYN, Outcome.FILTERED), false, src -> false, () -> 0);
        }
        assertThat(t.failedPortsBySource).hasSize(TargetActivity.MAX_SOURCES_PER_TARGET);
        assertThat(t.sourcesNotKept).isEqualTo(100_000 - TargetActivity.MAX_SOURCES_PER_TARGET);
        assertThat(t.fired()).isFalse();
        // The size estimate (a cache's weight) stops growing with the table: 256 sources, one port.
        assertThat(t.estimatedBytes()).isBetween(256 * 64L, 256 * 512L);
    }

    /** The size estimate follows what a vertical scan of the target adds: each port in three tables. */
    @Test
    void theSizeEstimateGrowsWithTheFailedPorts() {
        TargetActivity t = new TargetActivity(IpAddress.parse("10.0.0.5"), Protocol.TCP);
        long empty = t.estimatedBytes();
        for (int port = 1; port <= 1000; port++) {
            t.offer(new Attempt(port, IpAddress.parse("198.18.0.1"), IpAddress.parse("10.0.0.5"), Protocol.TCP, port,
                    40000, Technique.SYN, Outcome.CLOSED), false, src -> false, () -> 0);
        }
        assertThat(t.estimatedBytes() - empty).as("at least a few bytes per port and table, and linear")
                .isBetween(3 * 4 * 1000L, 3 * 32 * 1000L);
    }

    @Test
    void sourcesFoundToHaveAlertsOfTheirOwnLeaveTheRecountAndTheAlert() {
        TargetActivity t = new TargetActivity(IpAddress.parse("10.0.0.5"), Protocol.TCP);
        Set<IpAddress> firedElsewhere = new HashSet<>();
        long[] ids = {0};
        // 300 scanners each fail on one port of the target, then fire on their own elsewhere.
        for (int i = 0; i < 300; i++) {
            IpAddress src = IpAddress.ofV4(0xC6120000 + i);
            AlertState s = t.offer(new Attempt(i, src, IpAddress.parse("10.0.0.5"), Protocol.TCP, 2000 + i, 40000,
                    Technique.SYN, Outcome.CLOSED), false, firedElsewhere::contains, () -> ids[0]++);
            assertThat(s).isNull();
            firedElsewhere.add(src);
        }
        assertThat(t.sourcesKept()).isEqualTo(300);
        assertThat(t.failedPortsBySource).hasSizeLessThan(DistributedScanDetector.MIN_SOURCES);
        assertThat(t.ownAlertSources).hasSizeGreaterThan(300 - DistributedScanDetector.MIN_SOURCES);

        // Six bots sharing out 24 ports fire the distributed alert; the scanners are not among its sources.
        AlertState opened = null;
        for (int bot = 1; bot <= 6 && opened == null; bot++) {
            for (int i = 0; i < 4 && opened == null; i++) {
                opened = t.offer(new Attempt(1000 + bot * 10 + i, IpAddress.parse("203.0.113." + bot),
                        IpAddress.parse("10.0.0.5"), Protocol.TCP, 1000 + bot * 4 + i, 40000, Technique.SYN,
                        Outcome.CLOSED), false, firedElsewhere::contains, () -> ids[0]++);
            }
        }
        assertThat(opened).isEqualTo(AlertState.OPEN);
        Alert a = t.alert(AlertState.CLOSED, firedElsewhere::contains, 100, CidrSet.parse(List.of("10.0.0.0/8")));
        assertThat(a.sources()).extracting(IpAddress::toString).allMatch(s -> s.startsWith("203.0.113."));
    }

    @Test
    void aSourceSeenWithAnAlertOfItsOwnStaysOutAfterThatAlertIsForgotten() {
        TargetActivity t = new TargetActivity(IpAddress.parse("10.0.0.5"), Protocol.TCP);
        Set<String> ownAlertNow = new HashSet<>();
        long[] ids = {0};
        List<AlertState> opened = new ArrayList<>();
        java.util.function.BiConsumer<String, Integer> fail = (src, port) -> {
            AlertState s = t.offer(new Attempt(port, IpAddress.parse(src), IpAddress.parse("10.0.0.5"), Protocol.TCP,
                    port, 40000, Technique.SYN, Outcome.CLOSED), false, a -> ownAlertNow.contains(a.toString()),
                    () -> ids[0]++);
            if (s != null) {
                opened.add(s);
            }
        };
        // Four scanners fail on 20 ports and fire elsewhere; a first bot makes the recount find them.
        for (int a = 1; a <= 4; a++) {
            for (int i = 0; i < 5; i++) {
                fail.accept("198.18.0." + a, a * 5 + i);
            }
            ownAlertNow.add("198.18.0." + a);
        }
        fail.accept("203.0.113.1", 100);
        // A fifth scanner fails here once, then fires elsewhere; the next attempt's recount sees it.
        fail.accept("198.18.0.5", 200);
        ownAlertNow.add("198.18.0.5");
        fail.accept("203.0.113.1", 101);
        // Its own alert ends and the detector forgets it; it must not become one of the bots.
        ownAlertNow.remove("198.18.0.5");
        for (int bot = 2; bot <= 4; bot++) {
            for (int i = 0; i < 5; i++) {
                fail.accept("203.0.113." + bot, 100 + bot * 10 + i);
            }
        }
        // Four bots and 21 ports: one source short of a distributed scan.
        assertThat(opened).isEmpty();
        assertThat(t.ownAlertSources).hasSize(5);
    }

    @Test
    void whenEverySourceHasAnAlertOfItsOwnTheyAreListedAll() {
        for (int bot = 1; bot <= 6; bot++) {
            for (int i = 0; i < 4; i++) {
                probe(bot * 10 + i, "203.0.113." + bot, 1000 + bot * 4 + i, Outcome.CLOSED);
            }
        }
        for (int bot = 1; bot <= 6; bot++) {
            firedAlone.add("203.0.113." + bot); // each goes on to scan on its own
        }
        for (int bot = 1; bot <= 6; bot++) {
            // a probe after its own alert sets the bot aside: it must still be listed
            probe(100 + bot, "203.0.113." + bot, 1000 + bot * 4, Outcome.CLOSED);
        }
        detector.finish();
        assertThat(alerts).extracting(Alert::state).containsExactly(AlertState.OPEN, AlertState.CLOSED);
        assertThat(alerts.get(1).sources()).hasSize(6);
    }

    @Test
    void aBusyTargetRemembersABoundedNumberOfScannersThatFiredElsewhere() {
        TargetActivity t = new TargetActivity(IpAddress.parse("10.0.0.5"), Protocol.TCP);
        t.offer(new Attempt(0, IpAddress.parse("192.0.2.1"), IpAddress.parse("10.0.0.5"), Protocol.TCP, 80, 1024,
                Technique.SYN, Outcome.CLOSED), false, src -> false, () -> 0);
        int scanners = TargetActivity.MAX_OWN_ALERT_SOURCES_REMEMBERED + 500;
        for (int i = 0; i < scanners; i++) {
            for (int repeat = 0; repeat < 2; repeat++) { // each scanner's second probe is no news
                t.offer(new Attempt(i, IpAddress.ofV4(0xC6120000 + i), IpAddress.parse("10.0.0.5"), Protocol.TCP, 22,
                        1024, Technique.SYN, Outcome.CLOSED), true, src -> true, () -> 0);
            }
        }
        assertThat(t.firedSources).hasSize(TargetActivity.MAX_OWN_ALERT_SOURCES_REMEMBERED);
        assertThat(t.ownAlertSourcesNotRemembered).isEqualTo(500 * 2); // attempts, not scanners
        // One that failed here first moves aside instead of being remembered.
        t.offer(new Attempt(9, IpAddress.parse("192.0.2.1"), IpAddress.parse("10.0.0.5"), Protocol.TCP, 22, 1024,
                Technique.SYN, Outcome.CLOSED), true, src -> true, () -> 0);
        assertThat(t.ownAlertSources).contains(IpAddress.parse("192.0.2.1"));
        assertThat(t.failedPortsBySource).isEmpty();

        // Their alerts end and are forgotten; then two of them fail here. The one remembered moves
        // to the table (its slot freed), the one not remembered counts as one of the target's sources.
        IpAddress remembered = IpAddress.ofV4(0xC6120000);
        IpAddress notRemembered = IpAddress.ofV4(0xC6120000 + scanners - 1);
        for (IpAddress src : List.of(remembered, notRemembered)) {
            t.offer(new Attempt(10, src, IpAddress.parse("10.0.0.5"), Protocol.TCP, 23, 1024, Technique.SYN,
                    Outcome.CLOSED), false, s -> false, () -> 0);
        }
        // Three more sources bring enough failed ports for recounts (four without alerts: no alert).
        for (int i = 0; i < 21; i++) {
            AlertState s = t.offer(new Attempt(11 + i, IpAddress.parse("192.0.2." + (2 + i % 3)),
                    IpAddress.parse("10.0.0.5"), Protocol.TCP, 100 + i, 1024, Technique.SYN, Outcome.CLOSED), false,
                    src -> false, () -> 0);
            assertThat(s).isNull();
        }
        assertThat(t.ownAlertSources).contains(remembered);
        assertThat(t.firedSources).hasSize(TargetActivity.MAX_OWN_ALERT_SOURCES_REMEMBERED - 1);
        assertThat(t.failedPortsBySource).containsKey(notRemembered);
    }

    @Test
    void sourcesATargetDidNotKeepAreCountedByTheDetector() {
        for (int c = 0; c < TargetActivity.MAX_SOURCES_PER_TARGET + 44; c++) {
            detector.onAttempt(new Attempt(c, IpAddress.ofV4(0xC6120000 + c), IpAddress.parse("10.0.0.5"),
                    Protocol.TCP, 80, 40000, Technique.SYN, Outcome.FILTERED));
        }
        assertThat(detector.sourcesNotKept()).isEqualTo(44);
        detector.finish();
        assertThat(detector.sourcesNotKept()).isEqualTo(44);
    }

    @Test
    void manyClientsFailingOnOneDownServiceIsNoScan() {
        for (int c = 1; c <= 50; c++) {
            probe(c, "192.0.2." + c, 443, Outcome.CLOSED);
        }
        detector.finish();
        assertThat(alerts).isEmpty();
    }
}
