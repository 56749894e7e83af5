package dev.scanwatch.core.detect;

import dev.scanwatch.core.alert.Alert;
import dev.scanwatch.core.alert.AlertState;
import dev.scanwatch.core.model.Attempt;
import dev.scanwatch.core.model.Direction;
import dev.scanwatch.core.model.Outcome;
import dev.scanwatch.core.model.Protocol;
import dev.scanwatch.core.model.ScanKind;
import dev.scanwatch.core.model.Severity;
import dev.scanwatch.core.model.Technique;
import dev.scanwatch.core.net.CidrSet;
import dev.scanwatch.core.net.IpAddress;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ScanDetectorTest {

    private static final long SECOND = 1_000_000_000L;

    private final List<Alert> alerts = new ArrayList<>();
    /** The count rules alone: the sequential test, which fires first, has its own tests below. */
    private final DetectorConfig config = DetectorConfig.builder()
            .homeNets(CidrSet.parse(List.of("10.0.0.0/8"))).sequentialEnabled(false).build();
    private final ScanDetector detector = new ScanDetector(config, alerts::add);
    private final ScanDetector withSequentialTest = new ScanDetector(
            config.toBuilder().sequentialEnabled(true).build(), alerts::add);

    private static Attempt attempt(long nanos, String src, String dst, int port, Outcome outcome) {
        return new Attempt(nanos, IpAddress.parse(src), IpAddress.parse(dst), Protocol.TCP, port, 40000,
                Technique.SYN, outcome);
    }

    private List<Alert> closed() {
        return alerts.stream().filter(a -> a.state() == AlertState.CLOSED).toList();
    }

    @Test
    void sweepOfOnePortFiresAtTheThresholdAndClosesWithEverything() {
        for (int i = 1; i <= 24; i++) {
            Outcome o = i == 1 ? Outcome.OPEN : i <= 21 ? Outcome.CLOSED : Outcome.FILTERED;
            detector.onAttempt(attempt(i * SECOND / 10, "10.1.1.1", "32.42.39." + (127 + i), 445, o));
        }
        detector.finish();
        // A home host sweeping outside has the outbound threshold (10 hosts): fires at 10, updated at 20.
        assertThat(alerts).extracting(Alert::state).containsExactly(AlertState.OPEN, AlertState.UPDATED,
                AlertState.CLOSED);
        Alert open = alerts.get(0);
        assertThat(open.detectedAfter()).isEqualTo(10); // 10 hosts, 9 failed: past half
        Alert a = closed().get(0);
        assertThat(a.kind()).isEqualTo(ScanKind.PORTSWEEP);
        assertThat(a.ports()).containsExactly(445);
        assertThat(a.targets()).isEqualTo(24);
        assertThat(a.targetMin()).hasToString("32.42.39.128");
        assertThat(a.targetMax()).hasToString("32.42.39.151");
        assertThat(a.attempts()).isEqualTo(24);
        assertThat(List.of(a.open(), a.closed(), a.filtered(), a.unknown())).containsExactly(1L, 20L, 3L, 0L);
        assertThat(a.openPorts()).containsExactly(445);
        assertThat(a.direction()).isEqualTo(Direction.OUTBOUND);
        assertThat(a.severity()).isEqualTo(Severity.HIGH); // outbound to public addresses
        assertThat(a.detectedAfter()).isEqualTo(10);
        assertThat(a.summary()).startsWith("[TCP-SWEEP] (total=24,dp=445,min=32.42.39.128,max=32.42.39.151,");
    }

    @Test
    void portScanNamesItsTarget() {
        for (int port = 1; port <= 100; port++) {
            detector.onAttempt(attempt(port, "203.0.113.9", "10.0.0.5", port, port == 22 ? Outcome.OPEN : Outcome.CLOSED));
        }
        detector.finish();
        Alert a = closed().get(0);
        assertThat(a.kind()).isEqualTo(ScanKind.PORTSCAN);
        assertThat(a.target()).hasToString("10.0.0.5");
        assertThat(a.portCount()).isEqualTo(100);
        assertThat(a.openPorts()).containsExactly(22);
        assertThat(a.detectedAfter()).isEqualTo(15); // ports 1-15 closed; 22 comes later
        assertThat(a.direction()).isEqualTo(Direction.INBOUND);
        assertThat(a.severity()).isEqualTo(Severity.MEDIUM);
    }

    @Test
    void manyPortsOnManyHostsIsABlockScan() {
        long t = 0;
        for (int h = 1; h <= 10; h++) {
            for (int port = 1; port <= 10; port++) {
                detector.onAttempt(attempt(t++, "203.0.113.9", "10.0.0." + h, 1000 + port, Outcome.FILTERED));
            }
        }
        detector.finish();
        assertThat(closed()).singleElement().extracting(Alert::kind).isEqualTo(ScanKind.BLOCKSCAN);
        // The fourth host to fail on ten ports completes the grid.
        assertThat(closed().get(0).detectedAfter()).isEqualTo(40);
    }

    @Test
    void scanOfAHostWithManyOpenPortsFiresOnTheFailureShare() {
        // nmap --scan-delay 5s over 20 ports of a host with 8 open: only 12 ever fail.
        for (int port = 1; port <= 20; port++) {
            detector.onAttempt(attempt(port * 5 * SECOND, "203.0.113.9", "10.0.0.5", port,
                    port % 5 < 2 ? Outcome.OPEN : Outcome.CLOSED));
        }
        detector.finish();
        assertThat(closed()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(ScanKind.PORTSCAN);
            assertThat(a.detectedAfter()).isEqualTo(15);
            assertThat(a.open()).isEqualTo(8);
        });
    }

    @Test
    void successesDoNotFire() {
        // FTP passive, browsing, P2P peers that answer: many targets, all reached.
        for (int port = 40000; port < 40101; port++) {
            detector.onAttempt(attempt(port, "10.0.0.100", "10.0.0.21", port, Outcome.OPEN));
        }
        for (int h = 1; h <= 40; h++) {
            detector.onAttempt(attempt(h, "10.0.0.100", "198.51.100." + h, 443, Outcome.OPEN));
        }
        detector.finish();
        assertThat(alerts).isEmpty();
    }

    @Test
    void scatteredPairsOfAPeerToPeerClientAreNotABlockScan() {
        // Gnutella: hundreds of peers, each on its own port, many never answer.
        for (int h = 1; h <= 400; h++) {
            detector.onAttempt(attempt(h, "10.0.2.15", "198.51." + (h / 200) + "." + (h % 200), 1024 + 37 * h,
                    h % 5 == 0 ? Outcome.OPEN : Outcome.FILTERED));
        }
        detector.finish();
        assertThat(alerts).isEmpty();
    }

    @Test
    void peerToPeerClientsAreHeldBackEvenWhenTheSequentialTestFires() {
        for (int h = 1; h <= 400; h++) {
            withSequentialTest.onAttempt(attempt(h, "10.0.2.15", "198.51." + (h / 200) + "." + (h % 200),
                    1024 + 37 * h, h % 5 == 0 ? Outcome.OPEN : Outcome.FILTERED));
        }
        withSequentialTest.finish();
        assertThat(closed()).singleElement().satisfies(a -> assertThat(a.suppressedBy()).isEqualTo("p2p"));
    }

    @Test
    void sequentialTestFiresAfterFourFailedFirstContacts() {
        for (int h = 1; h <= 4; h++) {
            withSequentialTest.onAttempt(attempt(h, "203.0.113.9", "10.0.0." + h, 445, Outcome.FILTERED));
        }
        withSequentialTest.finish();
        assertThat(closed()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(ScanKind.PORTSWEEP);
            assertThat(a.detectedAfter()).isEqualTo(4);
        });
    }

    @Test
    void sequentialTestSeesVerticalScansPerHost() {
        for (int port = 1; port <= 4; port++) {
            withSequentialTest.onAttempt(attempt(port, "203.0.113.9", "10.0.0.5", port, Outcome.CLOSED));
        }
        withSequentialTest.finish();
        assertThat(closed()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(ScanKind.PORTSCAN);
            assertThat(a.target()).hasToString("10.0.0.5");
            assertThat(a.detectedAfter()).isEqualTo(4);
        });
    }

    @Test
    void successesPushTheSequentialTestBackAndABenignVerdictRestartsIt() {
        // A client whose contacts mostly succeed: a failure now and then never adds up (and 16
        // failures stay under Zeek's absolute count of 20, which would fire on its own).
        for (int h = 1; h <= 200; h++) {
            withSequentialTest.onAttempt(attempt(h, "192.0.2.100", "198.51.100." + h, 443,
                    h % 12 == 0 ? Outcome.FILTERED : Outcome.OPEN));
        }
        // Two successes then failures: it takes six failures to climb back.
        for (int port = 1; port <= 8; port++) {
            withSequentialTest.onAttempt(attempt(1000 + port, "203.0.113.9", "10.0.0.5", port,
                    port <= 2 ? Outcome.OPEN : Outcome.CLOSED));
        }
        withSequentialTest.finish();
        assertThat(closed()).singleElement().satisfies(a -> {
            assertThat(a.src()).hasToString("203.0.113.9");
            assertThat(a.detectedAfter()).isEqualTo(8);
        });
    }

    @Test
    void idleSourceClosesAndALaterScanIsANewAlert() {
        for (int port = 1; port <= 20; port++) {
            detector.onAttempt(attempt(port, "203.0.113.9", "10.0.0.5", port, Outcome.CLOSED));
        }
        detector.advanceTo(Duration.ofMinutes(6).toNanos());
        assertThat(closed()).hasSize(1);
        long later = Duration.ofMinutes(7).toNanos();
        for (int port = 1; port <= 20; port++) {
            detector.onAttempt(attempt(later + port, "203.0.113.9", "10.0.0.5", port, Outcome.CLOSED));
        }
        detector.finish();
        assertThat(closed()).extracting(Alert::id).containsExactly(0L, 1L);
        assertThat(closed().get(1).attempts()).isEqualTo(20);
    }

    @Test
    void slowScanWithinTheIdleTimeIsOneScan() {
        // One probe every 5 s for 100 s (nmap --scan-delay 5s).
        for (int port = 1; port <= 20; port++) {
            detector.onAttempt(attempt(port * 5 * SECOND, "203.0.113.9", "10.0.0.5", port, Outcome.CLOSED));
            detector.advanceTo(port * 5 * SECOND);
        }
        detector.finish();
        assertThat(closed()).singleElement().extracting(Alert::kind).isEqualTo(ScanKind.PORTSCAN);
    }

    @Test
    void oneProbeEveryFiveMinutesForAnHourIsOneScan() {
        long fiveMinutes = Duration.ofMinutes(5).toNanos();
        for (int i = 0; i < 12; i++) {
            long t = i * fiveMinutes;
            withSequentialTest.advanceTo(t);
            withSequentialTest.onAttempt(attempt(t, "203.0.113.9", "10.0.0.5", 1000 + i, Outcome.FILTERED));
        }
        withSequentialTest.advanceTo(12 * fiveMinutes);
        assertThat(alerts).extracting(Alert::state).containsExactly(AlertState.OPEN); // still open: slow idle
        withSequentialTest.finish();
        assertThat(closed()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(ScanKind.PORTSCAN);
            assertThat(a.attempts()).isEqualTo(12);
            assertThat(a.detectedAfter()).isEqualTo(4);
        });
    }

    @Test
    void theLongHorizonIsBoundedUnderAFloodOfSpoofedSources() {
        // A flood of spoofed sources, one SYN each: the long horizon keeps at most its capacity.
        ScanDetector small = new ScanDetector(config.toBuilder().sequentialEnabled(true).maxSlowSources(100).build(),
                alerts::add);
        for (int i = 0; i < 1000; i++) {
            small.onAttempt(attempt(i, "198.18." + (i / 250) + "." + (i % 250), "10.0.0.5", 80, Outcome.FILTERED));
        }
        small.advanceTo(Duration.ofMinutes(6).toNanos());
        assertThat(small.trackedSources()).isEqualTo(100);
        assertThat(small.slowEvictions()).isEqualTo(900);
        small.advanceTo(Duration.ofHours(3).toNanos());
        assertThat(small.trackedSources()).isZero();
        assertThat(alerts).isEmpty();
    }

    @Test
    void allowlistsRemoveEvidenceAndAuthorisedScannersAreHeldBack() {
        FalsePositiveExits exits = new FalsePositiveExits(CidrSet.parse(List.of("192.0.2.50")),
                List.of(AllowedDestination.parse("10.0.0.9:8080")), CidrSet.parse(List.of("192.0.2.60")));
        ScanDetector d = new ScanDetector(config.toBuilder().exits(exits).build(), alerts::add);
        for (int port = 1; port <= 30; port++) {
            d.onAttempt(attempt(port, "192.0.2.50", "10.0.0.5", port, Outcome.CLOSED)); // monitoring
            d.onAttempt(attempt(port, "192.0.2.61", "10.0.0." + port, 8080, Outcome.CLOSED));
            d.onAttempt(attempt(port, "192.0.2.60", "10.0.0.5", port, Outcome.CLOSED)); // the authorised scanner
        }
        for (int h = 1; h <= 30; h++) {
            d.onAttempt(attempt(100 + h, "192.0.2.62", "10.0.0.9", 8080, Outcome.CLOSED)); // health checks
        }
        d.finish();
        assertThat(d.allowlisted()).isEqualTo(61); // 30 monitoring, 30 health checks, the sweep's 10.0.0.9:8080
        assertThat(closed()).extracting(a -> a.src().toString(), Alert::suppressedBy)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("192.0.2.61", null),
                        org.assertj.core.groups.Tuple.tuple("192.0.2.60", "authorised"));
    }

    @Test
    void aRealSweepSurvivesAFloodOfSpoofedSourcesAtTheCapacity() {
        ScanDetector small = new ScanDetector(config.toBuilder().sequentialEnabled(true).maxSources(1000).build(),
                alerts::add);
        long t = 0;
        for (int h = 1; h <= 254; h++) {
            small.onAttempt(attempt(t++, "192.0.2.7", "10.9.0." + h, 445, Outcome.FILTERED));
            for (int i = 0; i < 500; i++) { // 500 spoofed one-SYN sources between two probes
                int n = h * 500 + i;
                small.onAttempt(attempt(t++, "198.18." + (n >> 8 & 255) + "." + (n & 255), "10.9.1.1", 80,
                        Outcome.FILTERED));
            }
            assertThat(small.trackedSources()).isLessThanOrEqualTo(1000);
        }
        small.finish();
        assertThat(small.evictions()).isGreaterThan(120_000);
        assertThat(closed()).singleElement().satisfies(a -> {
            assertThat(a.src()).hasToString("192.0.2.7");
            assertThat(a.targets()).isEqualTo(254);
        });
    }

    @Test
    void aSweepWhoseUnansweredProbesResolveLateIsStillOneAlertUnderAFlood() {
        // The flood bench's failure: 127 answered probes fire the alert at once; the 127
        // unanswered ones resolve 5 s later, after the flood has replaced the table many times.
        ScanDetector d = new ScanDetector(config.toBuilder().sequentialEnabled(true).maxSources(1000).build(),
                alerts::add);
        long t = 0;
        for (int h = 1; h <= 127; h++) {
            d.onAttempt(attempt(t++, "10.66.0.9", "10.0.0." + h, 445, Outcome.CLOSED));
        }
        for (int i = 0; i < 50_000; i++) {
            d.onAttempt(attempt(t++, "198.18." + (i >> 8 & 255) + "." + (i & 255), "10.9.1.1", 80, Outcome.FILTERED));
        }
        for (int h = 128; h <= 254; h++) {
            d.onAttempt(attempt(t++, "10.66.0.9", "10.0.0." + h, 445, Outcome.FILTERED));
        }
        d.finish();
        assertThat(d.evictions()).isGreaterThan(48_000);
        assertThat(closed()).singleElement().satisfies(a -> {
            assertThat(a.src()).hasToString("10.66.0.9");
            assertThat(a.targets()).isEqualTo(254);
        });
    }

    @Test
    void pastTheExactLimitHostsAreCountedBySketchAndMemoryStopsGrowing() {
        ScanDetector d = new ScanDetector(config.toBuilder().maxExactHostsPerSource(500).build(), alerts::add);
        for (int h = 0; h < 20_000; h++) {
            d.onAttempt(attempt(h, "192.0.2.7", "10." + (h >> 16 & 255) + "." + (h >> 8 & 255) + "." + (h & 255),
                    23, Outcome.FILTERED));
            if (h == 1_000) {
                assertThat(d.stateBytes()).isLessThan(500 * SourceActivity.HOST_BYTES + 20_000);
            }
        }
        long atTheEnd = d.stateBytes();
        assertThat(atTheEnd).isLessThan(500 * SourceActivity.HOST_BYTES + 20_000);
        d.finish();
        assertThat(closed()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(ScanKind.PORTSWEEP);
            assertThat(a.attempts()).isEqualTo(20_000);
            assertThat(a.targets()).isBetween(19_000L, 21_000L); // estimated, about 1 %
            assertThat(a.targetMax()).hasToString("10.0.78.31");
        });
    }

    @Test
    void theStateBudgetIsEnforcedByAccounting() {
        // About 580 one-attempt sources fit: more than the flood brings between two probes
        // (no policy can keep a source whose probes are further apart than the table turns over).
        long budget = 1_000_000;
        ScanDetector d = new ScanDetector(config.toBuilder().sequentialEnabled(true).maxStateBytes(budget).build(),
                alerts::add);
        long t = 0;
        for (int h = 1; h <= 254; h++) {
            d.onAttempt(attempt(t++, "192.0.2.7", "10.9.0." + h, 445, Outcome.FILTERED));
            for (int i = 0; i < 400; i++) {
                int n = h * 400 + i;
                d.onAttempt(attempt(t++, "198.18." + (n >> 8 & 255) + "." + (n & 255), "10.9.1.1", 80,
                        Outcome.FILTERED));
                assertThat(d.stateBytes()).isLessThanOrEqualTo(budget);
            }
        }
        d.finish();
        assertThat(d.evictions()).isGreaterThan(90_000);
        assertThat(closed()).singleElement().satisfies(a -> assertThat(a.targets()).isEqualTo(254));
    }

    @Test
    void protocolsAreSeparateAlerts() {
        for (int port = 1; port <= 20; port++) {
            detector.onAttempt(attempt(port, "203.0.113.9", "10.0.0.5", port, Outcome.CLOSED));
            detector.onAttempt(new Attempt(port, IpAddress.parse("203.0.113.9"), IpAddress.parse("10.0.0.5"),
                    Protocol.UDP, port, 5353, Technique.UDP, Outcome.CLOSED));
        }
        detector.finish();
        assertThat(closed()).extracting(Alert::protocol).containsExactlyInAnyOrder(Protocol.TCP, Protocol.UDP);
    }

    @Test
    void escalatesAtConfiguredLevels() {
        for (int h = 1; h <= 1200; h++) {
            detector.onAttempt(attempt(h, "10.0.0.66", "198.51." + (h / 256) + "." + (h % 256), 23, Outcome.FILTERED));
        }
        detector.finish();
        // Outbound: fires at 10 hosts, then updates at 20, 100 and 1000 attempts.
        assertThat(alerts).extracting(Alert::state).containsExactly(AlertState.OPEN, AlertState.UPDATED,
                AlertState.UPDATED, AlertState.UPDATED, AlertState.CLOSED);
        assertThat(closed().get(0).severity()).isEqualTo(Severity.HIGH);
    }
}
