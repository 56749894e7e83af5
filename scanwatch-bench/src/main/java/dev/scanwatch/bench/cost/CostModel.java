package dev.scanwatch.bench.cost;

import dev.scanwatch.core.detect.DetectorConfig;
import dev.scanwatch.core.detect.ScanDetector;
import dev.scanwatch.core.model.Attempt;
import dev.scanwatch.core.model.Outcome;
import dev.scanwatch.core.model.Protocol;
import dev.scanwatch.core.model.Technique;
import dev.scanwatch.core.net.IpAddress;
import dev.scanwatch.core.packet.Packet;
import dev.scanwatch.core.pipeline.Pipeline;
import dev.scanwatch.core.track.ConnectionTracker;
import dev.scanwatch.core.track.FirstContactFilter;
import dev.scanwatch.core.track.TrackerConfig;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * Retained heap per unit of tracked state: build N units, collect, and divide the growth of the
 * used heap by N. Includes everything a unit drags along (keys, boxed addresses, hash-table
 * slots at the table's current load), which is what sizing a deployment needs.
 */
public final class CostModel {

    static final int DEFAULT_ENTRIES = 100_000;
    /** Full collections before each reading, so finalizable and soft garbage is gone too. */
    private static final int GC_ROUNDS = 4;
    /** Event time of the first unit; any value works, the state keeps no wall clock. */
    private static final long T0 = 1_700_000_000_000_000_000L;
    /** One unit per microsecond: N units stay well inside the 5 s response timeout. */
    private static final long UNIT_GAP_NANOS = 1_000L;
    private static final int SCANNER = (10 << 24) | (66 << 8) | 1;
    private static final int FIRST_TARGET = (172 << 24) | (16 << 16);
    private static final int FIRST_SOURCE = 10 << 24 | (1 << 16);
    private static final int PORT = 445;
    private static final int SECOND_PORT = 139;
    private static final int SCANNER_PORT = 43_621;
    /** Ports a single host has. */
    private static final int MAX_PORTS = 65_535;
    /**
     * Hosts a source keeps exact detail of; past them a sketch counts hosts at no cost per host,
     * so a larger N would average free hosts in (at N = 100,000 that hid a third of the cost).
     */
    private static final int MAX_HOSTS = DetectorConfig.DEFAULT_MAX_EXACT_HOSTS_PER_SOURCE;

    private CostModel() {
    }

    public static int main(String[] args, PrintStream out) {
        int n = DEFAULT_ENTRIES;
        for (int i = 0; i < args.length; i++) {
            if ("--entries".equals(args[i])) {
                n = Integer.parseInt(args[++i].replace("_", ""));
            } else {
                out.println("usage: costmodel [--entries N]");
                return 2;
            }
        }
        out.printf(Locale.ROOT, "retained heap per entry, N = %,d (ports: min(N, %d), hosts: min(N, %d)); default configurations%n",
                n, MAX_PORTS, MAX_HOSTS);
        report(out, "tracker: pending probe (SYN, no answer yet)", n, CostModel::pendingProbes);
        report(out, "tracker: answered probe (SYN + RST, kept until idle)", n, CostModel::answeredProbes);
        report(out, "flow reader: first contact remembered, filter full", n, CostModel::flowContacts);
        report(out, "detector: tracked source (1 failed attempt each)", n, CostModel::detectorSources);
        int ports = Math.min(n, MAX_PORTS);
        report(out, "detector: (source, port) on one host, failed", ports, CostModel::detectorPorts);
        report(out, "detector: (source, host) on one port, failed", Math.min(n, MAX_HOSTS), CostModel::detectorHosts);
        report(out, "detector: (source, host) on two ports, failed", Math.min(n, MAX_HOSTS), CostModel::detectorHostsTwoPorts);
        report(out, "pipeline: new source, 1 probe + RST answer", n, CostModel::pipelineSources);
        return 0;
    }

    private static void report(PrintStream out, String what, int n, IntFunction<Object> build) {
        out.printf(Locale.ROOT, "  %-55s %8.0f bytes/entry%n", what, bytesPerEntry(n, build));
    }

    /** The growth of the used heap, after full collections, per unit of what {@code build} makes. */
    static double bytesPerEntry(int n, IntFunction<Object> build) {
        long before = usedAfterGc();
        Object state = build.apply(n);
        long after = usedAfterGc();
        Reference.reachabilityFence(state);
        return (after - before) / (double) n;
    }

    private static long usedAfterGc() {
        for (int i = 0; i < GC_ROUNDS; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static Packet tcp(Packet p, long time, int src, int srcPort, int dst, int dstPort, int flags) {
        p.clear();
        p.timeNanos = time;
        p.ipVersion = 4;
        p.srcLo = IpAddress.v4Lo(src);
        p.dstLo = IpAddress.v4Lo(dst);
        p.protocol = Packet.PROTO_TCP;
        p.srcPort = srcPort;
        p.dstPort = dstPort;
        p.tcpFlags = flags;
        return p;
    }

    static Object pendingProbes(int n) {
        ConnectionTracker t = new ConnectionTracker(TrackerConfig.defaults(), a -> { });
        Packet p = new Packet();
        for (int i = 0; i < n; i++) {
            t.onPacket(tcp(p, T0 + i * UNIT_GAP_NANOS, SCANNER, SCANNER_PORT, FIRST_TARGET + i, PORT, Packet.TCP_SYN));
        }
        return t;
    }

    static Object answeredProbes(int n) {
        ConnectionTracker t = new ConnectionTracker(TrackerConfig.defaults(), a -> { });
        Packet p = new Packet();
        for (int i = 0; i < n; i++) {
            long time = T0 + i * UNIT_GAP_NANOS;
            t.onPacket(tcp(p, time, SCANNER, SCANNER_PORT, FIRST_TARGET + i, PORT, Packet.TCP_SYN));
            t.onPacket(tcp(p, time, FIRST_TARGET + i, PORT, SCANNER, SCANNER_PORT, Packet.TCP_RST | Packet.TCP_ACK));
        }
        return t;
    }

    /**
     * A flow log's first contacts (Zeek, NetFlow, IPFIX...), which its filter remembers to drop
     * repeats, in a filter of capacity N: the budget charges a full filter, whose rows are then
     * exactly as many as its contacts.
     */
    static Object flowContacts(int n) {
        TrackerConfig d = TrackerConfig.defaults();
        FirstContactFilter f = new FirstContactFilter(new TrackerConfig(d.responseTimeout(), d.conversationIdle(), n), a -> { });
        for (int i = 0; i < n; i++) {
            f.onAttempt(failed(i, SCANNER, FIRST_TARGET + i, PORT));
        }
        return f;
    }

    private static Attempt failed(int i, int src, int dst, int port) {
        return new Attempt(T0 + i * UNIT_GAP_NANOS, IpAddress.ofV4(src), IpAddress.ofV4(dst), Protocol.TCP, port,
                SCANNER_PORT, Technique.SYN, Outcome.CLOSED);
    }

    static Object detectorSources(int n) {
        ScanDetector d = new ScanDetector(DetectorConfig.defaults(), a -> { });
        for (int i = 0; i < n; i++) {
            d.onAttempt(failed(i, FIRST_SOURCE + i, FIRST_TARGET + i, PORT));
        }
        return d;
    }

    static Object detectorPorts(int n) {
        ScanDetector d = new ScanDetector(DetectorConfig.defaults(), a -> { });
        for (int i = 0; i < n; i++) {
            d.onAttempt(failed(i, SCANNER, FIRST_TARGET, 1 + i));
        }
        return d;
    }

    static Object detectorHosts(int n) {
        ScanDetector d = new ScanDetector(DetectorConfig.defaults(), a -> { });
        for (int i = 0; i < n; i++) {
            d.onAttempt(failed(i, SCANNER, FIRST_TARGET + i, PORT));
        }
        return d;
    }

    /** A sweep of two ports: each host's second port makes its set of ports. */
    static Object detectorHostsTwoPorts(int n) {
        ScanDetector d = new ScanDetector(DetectorConfig.defaults(), a -> { });
        for (int i = 0; i < n; i++) {
            d.onAttempt(failed(2 * i, SCANNER, FIRST_TARGET + i, PORT));
            d.onAttempt(failed(2 * i + 1, SCANNER, FIRST_TARGET + i, SECOND_PORT));
        }
        return d;
    }

    static Object pipelineSources(int n) {
        Pipeline pipeline = new Pipeline(TrackerConfig.defaults(), DetectorConfig.defaults(), a -> { });
        Packet p = new Packet();
        for (int i = 0; i < n; i++) {
            long time = T0 + i * UNIT_GAP_NANOS;
            pipeline.onPacket(tcp(p, time, FIRST_SOURCE + i, SCANNER_PORT, FIRST_TARGET + i, PORT, Packet.TCP_SYN));
            pipeline.onPacket(tcp(p, time, FIRST_TARGET + i, PORT, FIRST_SOURCE + i, SCANNER_PORT,
                    Packet.TCP_RST | Packet.TCP_ACK));
        }
        return pipeline;
    }
}
