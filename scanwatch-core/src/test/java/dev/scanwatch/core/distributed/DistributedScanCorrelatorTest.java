package dev.scanwatch.core.distributed;

import dev.scanwatch.core.alert.Alert;
import dev.scanwatch.core.alert.AlertState;
import dev.scanwatch.core.model.Direction;
import dev.scanwatch.core.model.Protocol;
import dev.scanwatch.core.model.ScanKind;
import dev.scanwatch.core.model.Severity;
import dev.scanwatch.core.model.Technique;
import dev.scanwatch.core.net.IpAddress;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class DistributedScanCorrelatorTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long HOLD = DistributedScanCorrelator.DEFAULT_HOLD.toNanos();

    private final List<Alert> out = new ArrayList<>();
    private final DistributedScanCorrelator correlator = new DistributedScanCorrelator(out::add, 100);

    private static Alert portScan(long id, String src, String target, Protocol protocol, long first, long last,
                                  List<Integer> ports) {
        IpAddress t = IpAddress.parse(target);
        return new Alert(id, AlertState.CLOSED, ScanKind.PORTSCAN, protocol, IpAddress.parse(src), List.of(), t, ports,
                ports.size(), List.of(), 1, t, t, first, last, ports.size(), 0, ports.size(), 0, 0,
                List.of(Technique.SYN), Direction.INBOUND, Severity.LOW, 5, "[TCP-SCAN]", null);
    }

    private static Alert portScan(long id, String src, String target, List<Integer> ports) {
        return portScan(id, src, target, Protocol.TCP, SECOND, 2 * SECOND, ports);
    }

    private static List<Integer> range(int from, int to) {
        return IntStream.range(from, to).boxed().toList();
    }

    @Test
    void decoysOfOneScanLeaveAsOneDistributedAlert() {
        correlator.onAlert(portScan(1, "192.0.2.1", "10.0.0.5", range(1, 101)));
        correlator.onAlert(portScan(2, "192.0.2.2", "10.0.0.5", range(1, 101)));
        correlator.onAlert(portScan(3, "192.0.2.3", "10.0.0.5", range(1, 101)));

        correlator.advanceTo(2 * SECOND + HOLD - 1);
        assertThat(out).isEmpty();
        correlator.advanceTo(2 * SECOND + HOLD);

        assertThat(out).hasSize(1);
        Alert a = out.get(0);
        assertThat(a.kind()).isEqualTo(ScanKind.DISTRIBUTED);
        assertThat(a.id()).isEqualTo(1);
        assertThat(a.sources()).extracting(IpAddress::toString).containsExactly("192.0.2.1", "192.0.2.2", "192.0.2.3");
        assertThat(a.attempts()).isEqualTo(300);
    }

    @Test
    void partnersOfPartnersJoinTheGroup() {
        // 1 and 2 share a fifth of their ports, too few; each shares half with 3.
        correlator.onAlert(portScan(1, "192.0.2.1", "10.0.0.5", range(0, 30)));
        correlator.onAlert(portScan(2, "192.0.2.2", "10.0.0.5", range(20, 50)));
        correlator.onAlert(portScan(3, "192.0.2.3", "10.0.0.5", range(10, 40)));
        correlator.finish();

        assertThat(out).hasSize(1);
        assertThat(out.get(0).sources()).hasSize(3);
    }

    @Test
    void otherTargetsProtocolsTimesOrPortsStayApart() {
        correlator.onAlert(portScan(1, "192.0.2.1", "10.0.0.5", range(1, 101)));
        correlator.onAlert(portScan(2, "192.0.2.2", "10.0.0.6", range(1, 101)));
        correlator.onAlert(portScan(3, "192.0.2.3", "10.0.0.5", Protocol.UDP, SECOND, 2 * SECOND, range(1, 101)));
        correlator.onAlert(portScan(4, "192.0.2.4", "10.0.0.5", Protocol.TCP, 10 * SECOND, 20 * SECOND, range(1, 101)));
        correlator.onAlert(portScan(5, "192.0.2.5", "10.0.0.5", range(51, 151)));
        correlator.onAlert(portScan(6, "192.0.2.1", "10.0.0.5", range(1, 101))); // the same source again
        correlator.finish();

        assertThat(out).extracting(Alert::id).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(out).extracting(Alert::kind).containsOnly(ScanKind.PORTSCAN);
    }

    @Test
    void halfTheUnionOfPortsInCommonIsEnough() {
        // 20 common of a union of 40: Jaccard 0.5 exactly.
        correlator.onAlert(portScan(1, "192.0.2.1", "10.0.0.5", range(0, 30)));
        correlator.onAlert(portScan(2, "192.0.2.2", "10.0.0.5", range(10, 40)));
        correlator.finish();
        assertThat(out).extracting(Alert::kind).containsExactly(ScanKind.DISTRIBUTED);
    }

    @Test
    void commonPortsWalksTwoSortedLists() {
        assertThat(DistributedScanCorrelator.commonPorts(List.of(1, 3, 5, 7), List.of(2, 3, 4, 7, 9))).isEqualTo(2);
        assertThat(DistributedScanCorrelator.commonPorts(List.of(), List.of(1))).isZero();
        assertThat(DistributedScanCorrelator.commonPorts(List.of(80, 443), List.of(80, 443))).isEqualTo(2);
    }

    @Test
    void theLongestHeldLeavesFirstWithItsGroup() {
        correlator.onAlert(portScan(1, "192.0.2.1", "10.0.0.5", range(1, 101)));
        correlator.advanceTo(2 * SECOND + 10 * SECOND);
        correlator.onAlert(portScan(2, "192.0.2.2", "10.0.0.6", range(1, 101)));
        correlator.onAlert(portScan(3, "192.0.2.3", "10.0.0.5", range(1, 101)));

        correlator.advanceTo(2 * SECOND + HOLD);
        // 3 arrived later, but it is 1's partner and leaves with it; 2 waits for its own time.
        assertThat(out).extracting(Alert::id).containsExactly(1L);
        assertThat(out.get(0).sources()).hasSize(2);
        correlator.advanceTo(12 * SECOND + HOLD);
        assertThat(out).extracting(Alert::id).containsExactly(1L, 2L);
    }

    /**
     * The rule as first written, over every held scan of every target with sets of ports: the
     * indexed correlator must emit exactly what it does, in the same order.
     */
    private static List<Alert> reference(List<Alert> in, List<Long> advances, DistributedScanCorrelator rules) {
        List<Alert> emitted = new ArrayList<>();
        List<Alert> held = new ArrayList<>();
        List<Long> releaseAt = new ArrayList<>();
        long now = Long.MIN_VALUE;
        for (int k = 0; k <= in.size(); k++) {
            boolean end = k == in.size();
            now = end ? now : Math.max(now, advances.get(k));
            while (!held.isEmpty() && (end || releaseAt.get(0) <= now)) {
                List<Alert> group = new ArrayList<>(List.of(held.remove(0)));
                releaseAt.remove(0);
                boolean grew = true;
                while (grew) {
                    grew = false;
                    for (int i = 0; i < held.size(); i++) {
                        Alert c = held.get(i);
                        if (group.stream().anyMatch(g -> jaccardPartners(g, c))) {
                            group.add(c);
                            held.remove(i);
                            releaseAt.remove(i--);
                            grew = true;
                        }
                    }
                }
                emitted.add(rules.combine(group));
            }
            if (!end) {
                held.add(in.get(k));
                releaseAt.add(Math.max(now, in.get(k).lastNanos()) + HOLD);
            }
        }
        return emitted;
    }

    private static boolean jaccardPartners(Alert a, Alert b) {
        if (!a.target().equals(b.target()) || a.protocol() != b.protocol() || a.src().equals(b.src())) {
            return false;
        }
        if (a.firstNanos() > b.lastNanos() + SECOND || b.firstNanos() > a.lastNanos() + SECOND) {
            return false;
        }
        Set<Integer> union = new HashSet<>(a.ports());
        union.addAll(b.ports());
        long common = a.ports().stream().filter(new HashSet<>(b.ports())::contains).count();
        return !union.isEmpty() && (double) common / union.size() >= 0.5;
    }

    @Test
    void groupsAndOrderAreThoseOfTheRuleOverEveryHeldScan() {
        Random random = new Random(42);
        int merged = 0;
        int alone = 0;
        for (int round = 0; round < 50; round++) {
            List<Alert> in = new ArrayList<>();
            List<Long> advances = new ArrayList<>();
            long t = 0;
            for (int id = 1; id <= 60; id++) {
                t += random.nextInt(3) * SECOND;
                int base = random.nextInt(2) * 10;
                TreeSet<Integer> ports = new TreeSet<>();
                int n = 12 + random.nextInt(16);
                while (ports.size() < n) {
                    ports.add(base + random.nextInt(30));
                }
                long first = t + random.nextInt(3) * SECOND;
                in.add(portScan(id, "192.0.2." + random.nextInt(8), "10.0.0." + random.nextInt(3),
                        random.nextInt(5) == 0 ? Protocol.UDP : Protocol.TCP, first, first + random.nextInt(4) * SECOND,
                        List.copyOf(ports)));
                advances.add(t + random.nextInt(2) * HOLD);
            }
            List<Alert> actual = new ArrayList<>();
            DistributedScanCorrelator c = new DistributedScanCorrelator(actual::add, 100);
            for (int k = 0; k < in.size(); k++) {
                c.advanceTo(advances.get(k));
                c.onAlert(in.get(k));
            }
            c.finish();

            List<Alert> expected = reference(in, advances, c);
            assertThat(actual).as("round %d", round).isEqualTo(expected);
            merged += (int) actual.stream().filter(a -> a.kind() == ScanKind.DISTRIBUTED).count();
            alone += (int) actual.stream().filter(a -> a.kind() == ScanKind.PORTSCAN).count();
        }
        // Both outcomes are exercised, so agreement is not agreement on nothing.
        assertThat(merged).isGreaterThan(100);
        assertThat(alone).isGreaterThan(100);
    }
}
