package dev.scanwatch.core.detect;

import dev.scanwatch.core.alert.Alert;
import dev.scanwatch.core.alert.AlertState;
import dev.scanwatch.core.model.Attempt;
import dev.scanwatch.core.model.Outcome;
import dev.scanwatch.core.model.Protocol;
import dev.scanwatch.core.model.ScanKind;
import dev.scanwatch.core.model.Technique;
import dev.scanwatch.core.net.IpAddress;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-source unit, as a keyed stream holds it: state survives serialisation mid-scan. */
class SourceActivityTest {

    private final DetectorConfig config = DetectorConfig.defaults();
    private final AtomicLong ids = new AtomicLong(7);

    /** Through Java serialisation, as Flink's keyed state keeps it. */
    private static SourceActivity roundTrip(SourceActivity s) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(s);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (SourceActivity) in.readObject();
        }
    }

    private static Attempt probe(int i) {
        return new Attempt(i, IpAddress.parse("203.0.113.9"), IpAddress.parse("198.51.100." + i), Protocol.TCP, 445,
                40000, Technique.SYN, Outcome.FILTERED);
    }

    /** Before any attempt nothing is counted, and no question about a host or port fails. */
    @Test
    void aSourceWithoutAttemptsAnswersEveryQueryWithZero() {
        SourceActivity s = new SourceActivity(IpAddress.parse("203.0.113.9"), Protocol.TCP, false);
        long host = s.hostOf(IpAddress.parse("192.0.2.1"));
        assertThat(s.failuresOnHost(host)).isZero();
        assertThat(s.portsOn(host)).isZero();
        assertThat(s.hostsOn(80)).isZero();
        assertThat(s.failuresOn(80)).isZero();
        assertThat(s.failedHosts()).isZero();
        assertThat(s.failedPorts()).isZero();
        assertThat(s.portCount()).isZero();
        assertThat(s.portsReached()).isEmpty();
        assertThat(s.targets()).isZero();
    }

    @Test
    void firesOnceUpdatesAtLevelsAndSurvivesSerialisation() throws Exception {
        SourceActivity s = new SourceActivity(IpAddress.parse("203.0.113.9"), Protocol.TCP, false);
        assertThat(s.offer(probe(1), config, ids::getAndIncrement)).isNull();
        assertThat(s.offer(probe(2), config, ids::getAndIncrement)).isNull();
        assertThat(s.offer(probe(3), config, ids::getAndIncrement)).isNull();
        assertThat(s.offer(probe(4), config, ids::getAndIncrement)).isEqualTo(AlertState.OPEN);

        SourceActivity restored = roundTrip(s);
        AlertState last = null;
        for (int i = 5; i <= 20; i++) {
            AlertState e = restored.offer(probe(i), config, ids::getAndIncrement);
            last = e == null ? last : e;
        }
        assertThat(last).isEqualTo(AlertState.UPDATED); // the 20-attempt level
        Alert a = restored.alert(AlertState.CLOSED, config);
        assertThat(a.id()).isEqualTo(7);
        assertThat(a.kind()).isEqualTo(ScanKind.PORTSWEEP);
        assertThat(a.attempts()).isEqualTo(20);
        assertThat(a.targets()).isEqualTo(20);
        assertThat(a.detectedAfter()).isEqualTo(4);
    }

    /**
     * The counts the rules read, against a brute-force model of the same attempts: whether the
     * source still holds its one pair inline or has built its tables, and across the switch.
     */
    @Test
    void countsAgreeWithAModelBeforeAndAfterTheSecondPair() {
        java.util.Random random = new java.util.Random(3);
        SequentialTest test = SequentialTest.defaults();
        for (int round = 0; round < 300; round++) {
            SourceActivity s = new SourceActivity(IpAddress.parse("203.0.113.9"), Protocol.TCP, false);
            java.util.Map<String, Boolean> firstOutcomeFailed = new java.util.LinkedHashMap<>();
            java.util.Set<Integer> ports = new java.util.TreeSet<>();
            int attempts = 1 + random.nextInt(round % 3 == 0 ? 2 : 12); // many stay at one pair
            for (int i = 0; i < attempts; i++) {
                int host = random.nextInt(3);
                int port = 440 + random.nextInt(3);
                Outcome outcome = random.nextInt(3) == 0 ? Outcome.OPEN : Outcome.CLOSED;
                Attempt a = new Attempt(i, IpAddress.parse("203.0.113.9"), IpAddress.parse("198.51.100." + host),
                        Protocol.TCP, port, 40000, Technique.SYN, outcome);
                boolean isNew = s.add(a, config.homeNets(), 2, test, config.maxExactHostsPerSource());
                assertThat(isNew).isEqualTo(!firstOutcomeFailed.containsKey(host + ":" + port));
                firstOutcomeFailed.putIfAbsent(host + ":" + port, outcome.isFailure());
                ports.add(port);
            }
            assertThat(s.portCount()).isEqualTo(ports.size());
            assertThat(new java.util.TreeSet<>(s.portsReached())).isEqualTo(ports);
            java.util.Set<Integer> hosts = new java.util.TreeSet<>();
            java.util.Set<Integer> failedPorts = new java.util.TreeSet<>();
            java.util.Set<Integer> failedHosts = new java.util.TreeSet<>();
            int widest = 0;
            int deepest = 0;
            int gridHosts = 0;
            for (int port = 440; port < 443; port++) {
                int on = 0;
                int failed = 0;
                for (var e : firstOutcomeFailed.entrySet()) {
                    if (e.getKey().endsWith(":" + port)) {
                        on++;
                        failed += e.getValue() ? 1 : 0;
                    }
                }
                assertThat(s.hostsOn(port)).isEqualTo(on);
                assertThat(s.failuresOn(port)).isEqualTo(failed);
                widest = Math.max(widest, failed);
                if (failed > 0) {
                    failedPorts.add(port);
                }
            }
            for (int host = 0; host < 3; host++) {
                int on = 0;
                int failed = 0;
                for (var e : firstOutcomeFailed.entrySet()) {
                    if (e.getKey().startsWith(host + ":")) {
                        on++;
                        failed += e.getValue() ? 1 : 0;
                    }
                }
                IpAddress dst = IpAddress.parse("198.51.100." + host);
                long filed = s.hostOf(dst);
                assertThat(s.portsOn(filed)).isEqualTo(on);
                assertThat(s.failuresOnHost(filed)).isEqualTo(failed);
                if (on > 0) {
                    hosts.add(host);
                }
                if (failed > 0) {
                    failedHosts.add(host);
                }
                deepest = Math.max(deepest, failed);
                gridHosts += failed >= 2 ? 1 : 0;
            }
            assertThat(s.targets()).isEqualTo(hosts.size());
            assertThat(s.failedPorts()).isEqualTo(failedPorts.size());
            assertThat(s.failedHosts()).isEqualTo(failedHosts.size());
            assertThat(s.widestSweep).isEqualTo(widest);
            assertThat(s.deepestScan).isEqualTo(deepest);
            assertThat(s.gridHosts).isEqualTo(gridHosts);
        }
    }

    /**
     * While a source has reached one host, that host's ports are the keys of the per-port counts;
     * a second host, or the sketch past the exact limit, adds keys that are not its ports.
     */
    @Test
    void theOnlyHostKeepsItsOwnPortsWhenASecondHostOrTheSketchArrives() {
        SequentialTest test = SequentialTest.defaults();
        for (int maxExactHosts : new int[] {1, 2, 65_536}) {
            SourceActivity s = new SourceActivity(IpAddress.parse("203.0.113.9"), Protocol.TCP, false);
            IpAddress first = IpAddress.parse("198.51.100.1");
            IpAddress second = IpAddress.parse("198.51.100.2");
            int t = 0;
            for (int port = 1; port <= 30; port++) {
                assertThat(add(s, t++, first, port, test, maxExactHosts)).isTrue();
            }
            assertThat(add(s, t++, first, 7, test, maxExactHosts)).as("a pair counts once").isFalse();
            assertThat(s.portsOn(s.hostOf(first))).isEqualTo(30);
            boolean exact = maxExactHosts > 1;
            // The second host: ports 25..40, of which 31..40 are new to the source.
            for (int port = 25; port <= 40; port++) {
                assertThat(add(s, t++, second, port, test, maxExactHosts)).isEqualTo(exact);
            }
            assertThat(s.portCount()).isEqualTo(40);
            assertThat(s.portsOn(s.hostOf(first))).isEqualTo(30);
            assertThat(s.portsOn(s.hostOf(second))).isEqualTo(exact ? 16 : 0);
            assertThat(s.hostsOn(30)).isEqualTo(exact ? 2 : 1);
            assertThat(s.hostsOn(35)).isEqualTo(exact ? 1 : 0);
            // Back on the first host, a port the second one reached is new to the first.
            assertThat(add(s, t++, first, 35, test, maxExactHosts)).isEqualTo(exact);
            assertThat(s.portsOn(s.hostOf(first))).isEqualTo(exact ? 31 : 30);
            assertThat(s.hostsOn(35)).isEqualTo(exact ? 2 : 0);
            assertThat(s.failuresOnHost(s.hostOf(first))).isEqualTo(exact ? 31 : 30);
            assertThat(s.targets()).isEqualTo(2);
        }
    }

    /**
     * A sweep reaches each host on one port, held inline; a host's second port makes its set,
     * which must still know the first. The only host's one port moves inline when a second host
     * comes, and the inline port survives serialisation.
     */
    @Test
    void aHostHoldsItsFirstPortInlineUntilItsSecond() throws Exception {
        SequentialTest test = SequentialTest.defaults();
        int max = config.maxExactHostsPerSource();
        SourceActivity s = new SourceActivity(IpAddress.parse("203.0.113.9"), Protocol.TCP, false);
        IpAddress a = IpAddress.parse("198.51.100.1");
        IpAddress b = IpAddress.parse("198.51.100.2");
        IpAddress c = IpAddress.parse("198.51.100.3");
        assertThat(add(s, 0, a, 445, test, max)).isTrue();
        assertThat(add(s, 1, b, 445, test, max)).isTrue(); // the tables are built; a is the only host
        assertThat(add(s, 2, c, 445, test, max)).isTrue(); // a leaves the only host's place with one port
        s = roundTrip(s);
        for (IpAddress host : new IpAddress[] {a, b, c}) {
            assertThat(add(s, 3, host, 445, test, max)).as("%s on 445 again", host).isFalse();
            assertThat(s.portsOn(s.hostOf(host))).isEqualTo(1);
        }
        assertThat(add(s, 4, a, 139, test, max)).as("a's second port").isTrue();
        assertThat(add(s, 5, a, 445, test, max)).as("a's first port, now in its set").isFalse();
        assertThat(add(s, 6, a, 139, test, max)).isFalse();
        assertThat(add(s, 7, b, 139, test, max)).as("b's second port").isTrue();
        assertThat(add(s, 8, a, 80, test, max)).isTrue();
        assertThat(s.portsOn(s.hostOf(a))).isEqualTo(3);
        assertThat(s.portsOn(s.hostOf(b))).isEqualTo(2);
        assertThat(s.portsOn(s.hostOf(c))).isEqualTo(1);
        assertThat(s.hostsOn(445)).isEqualTo(3);
        assertThat(s.hostsOn(139)).isEqualTo(2);
        assertThat(s.failuresOnHost(s.hostOf(a))).isEqualTo(3);
        assertThat(s.portCount()).isEqualTo(3);
    }

    private boolean add(SourceActivity s, int time, IpAddress dst, int port, SequentialTest test,
                        int maxExactHosts) {
        return s.add(new Attempt(time, IpAddress.parse("203.0.113.9"), dst, Protocol.TCP, port, 40000, Technique.SYN,
                Outcome.CLOSED), config.homeNets(), 2, test, maxExactHosts);
    }

    @Test
    void aRestoredSourceFilesHostsAsItDidUnderItsOwnSeed() throws Exception {
        DetectorConfig seeded = DetectorConfig.builder().hashSeed(0x5EED).build();
        SourceActivity s = new SourceActivity(IpAddress.parse("2001:db8::9"), Protocol.TCP, false, seeded.hashSeed());
        for (int i = 0; i < 40; i++) {
            s.offer(new Attempt(i, IpAddress.parse("2001:db8::9"), IpAddress.parse("2001:db8:1::" + (i % 8 + 1)),
                    Protocol.TCP, 20 + i, 40000, Technique.SYN, Outcome.CLOSED), seeded, ids::getAndIncrement);
        }
        SourceActivity restored = roundTrip(s);
        IpAddress host = IpAddress.parse("2001:db8:1::3");
        assertThat(restored.hostOf(host)).isEqualTo(s.hostOf(host)).isNotEqualTo(host.fingerprint());
        assertThat(restored.portsOn(restored.hostOf(host))).isEqualTo(5);
        assertThat(restored.failuresOnHost(restored.hostOf(host))).isEqualTo(5);
        // A detector whose own configuration now has another seed still asks the source's.
        DetectorConfig other = DetectorConfig.builder().hashSeed(7).build();
        restored.offer(new Attempt(99, IpAddress.parse("2001:db8::9"), host, Protocol.TCP, 999, 40000, Technique.SYN,
                Outcome.CLOSED), other, ids::getAndIncrement);
        assertThat(restored.portsOn(restored.hostOf(host))).isEqualTo(6);
        assertThat(restored.targets()).isEqualTo(8);
    }
}
