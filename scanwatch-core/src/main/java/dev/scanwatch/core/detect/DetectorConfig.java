package dev.scanwatch.core.detect;

import dev.scanwatch.core.memory.MemoryBudget;
import dev.scanwatch.core.net.CidrSet;

import java.time.Duration;
import java.util.List;

/**
 * Tunables of the scan detectors, each named with its default and why, like Zeek's scan.zeek.
 * Only failed first contacts (closed, filtered, unknown) count towards the thresholds, as in
 * Zeek: a client whose contacts succeed (FTP data, browsing, P2P peers that answer) is not
 * scanning, however many hosts or ports it reaches.
 *
 * @param sweepMinHosts      a source fires as a sweep when one port has failed on this many
 *                           distinct hosts. Zeek uses 25; 20 catches the 24-host sweeps of the
 *                           abuse reports operators receive.
 * @param scanMinPorts       a source fires as a scan when one host has failed on this many
 *                           distinct ports: Zeek's 15. No benign client dials 15 closed ports.
 * @param blockscanMinHosts  a source fires as a block scan when this many hosts each failed on at
 *                           least {@code blockscanMinHostPorts} ports, although no single port or
 *                           host reached the thresholds above: a grid of hosts x ports. Scattered
 *                           pairs, one random port per host, are what P2P clients do (Gnutella
 *                           redials hundreds of peers on their own ports), not a block scan.
 * @param blockscanMinHostPorts see blockscanMinHosts.
 * @param minFailureShare    a port or host also crosses its threshold when it reached that many
 *                           distinct targets and at least this share of them failed: a scan of
 *                           a host with many open ports (8 of 20 open on loopback) still fires,
 *                           while clients whose contacts mostly succeed stay quiet.
 * @param p2pMinPeers        a source that exchanged traffic successfully with this many distinct
 *                           hosts, each on a high port of its own, is a peer-to-peer client
 *                           redialling peers (BitTorrent, Gnutella, VoIP): its failures are
 *                           churn, not a scan, and its alerts are suppressed (counted, never
 *                           dropped silently). Scanners find services on shared ports.
 * @param sweepMaxPorts      a scan touching at most this many ports is a sweep ("one port or a
 *                           few"): masscan's -p21,22,23,80,8000 over a /8 is still a sweep.
 * @param sourceIdle         a source's activity (and its alert) is closed after this long with no
 *                           new attempt. Expiry by idleness, not tumbling windows, so a scan that
 *                           straddles a window edge is seen whole; 5 minutes is Zeek's interval.
 * @param slowSourceIdle     the long horizon: a source that went idle before firing, but with at
 *                           least {@code slowMinFailures} failures, keeps its evidence this long,
 *                           so one probe every 5 minutes for an hour is still one scan.
 * @param slowMinFailures    see slowSourceIdle; with one probe every 5 minutes a source has a
 *                           single failure each time it goes idle, so the default is 1.
 * @param maxSlowSources     at most this many sources are kept for the long horizon; past it the
 *                           longest idle is dropped (and counted), so a flood of spoofed one-SYN
 *                           sources cannot exhaust memory.
 * @param maxSources         at most this many (source, protocol) are tracked at once; past it the
 *                           least recently active goes first: closed with its alert if it fired,
 *                           else dropped and counted. A real scanner stays active, so a flood of
 *                           spoofed one-SYN sources churns through the old end without pushing
 *                           it out.
 * @param maxExactHostsPerSource past this many hosts a source keeps no per-host detail and counts
 *                           further hosts with a sketch (a /8 sweep must not hold 16 M entries).
 * @param maxStateBytes      the memory budget of the per-source state, enforced by accounting:
 *                           every source carries an estimate of its bytes (the cost model in
 *                           docs/PERFORMANCE.md) and the least recently active go while the
 *                           total is over it.
 * @param maxTargets         at most this many (target, protocol) are watched for distributed scans;
 *                           past it the least recently active goes (closed with its alert if it
 *                           fired).
 * @param escalationLevels   attempt counts at which an open alert is updated and its severity
 *                           raised (below the second level: low; below the third: medium).
 * @param maxListedPorts     ports listed in an alert; beyond it {@code port_count} gives the total.
 * @param homeNets           home networks, which decide each alert's direction.
 * @param outboundSweepMinHosts  sweepMinHosts for home hosts probing outside: the compromised
 *                           server an upstream will block; lower, because no home server has a
 *                           reason to fail on ten outside hosts on one port.
 * @param outboundScanMinPorts   scanMinPorts for home hosts probing outside.
 * @param exits              the operator's allowlists and authorised scanners.
 * @param sequentialEnabled  whether the sequential test (TRW) may fire on its own, before any
 *                           count threshold: about four failed first contacts in a row.
 * @param sequentialTest     its parameters (theta0, theta1, alpha, beta).
 * @param hashSeed           keys how a source's tables file its hosts, so that an IPv6 scanner
 *                           cannot pick targets whose entries all collide (each new host would
 *                           walk the others). Not a setting: the CLI draws one per run, 0 (the
 *                           default) keeps the unkeyed filing for tests. Alerts never depend on it.
 */
public record DetectorConfig(int sweepMinHosts, int scanMinPorts, int blockscanMinHosts, int blockscanMinHostPorts,
                             double minFailureShare, int p2pMinPeers, int sweepMaxPorts, Duration sourceIdle, Duration slowSourceIdle,
                             int slowMinFailures, int maxSlowSources, int maxSources,
                             int maxExactHostsPerSource, long maxStateBytes, int maxTargets,
                             List<Integer> escalationLevels,
                             int maxListedPorts, CidrSet homeNets,
                             int outboundSweepMinHosts, int outboundScanMinPorts, FalsePositiveExits exits,
                             boolean sequentialEnabled, SequentialTest sequentialTest, long hashSeed) {

    public static final int DEFAULT_SWEEP_MIN_HOSTS = 20;
    public static final int DEFAULT_SCAN_MIN_PORTS = 15;
    public static final int DEFAULT_BLOCKSCAN_MIN_HOSTS = 4;
    public static final int DEFAULT_BLOCKSCAN_MIN_HOST_PORTS = 10;
    public static final double DEFAULT_MIN_FAILURE_SHARE = 0.5;
    public static final int DEFAULT_P2P_MIN_PEERS = 10;
    public static final int DEFAULT_SWEEP_MAX_PORTS = 5;
    public static final Duration DEFAULT_SOURCE_IDLE = Duration.ofMinutes(5);
    public static final Duration DEFAULT_SLOW_SOURCE_IDLE = Duration.ofHours(2);
    public static final int DEFAULT_SLOW_MIN_FAILURES = 1;
    /** Capacities follow the default memory cap (512 MiB) through its cost model. */
    public static final int DEFAULT_MAX_SLOW_SOURCES = MemoryBudget.DEFAULT.maxSlowSources();
    public static final int DEFAULT_MAX_SOURCES = MemoryBudget.DEFAULT.maxSources();
    public static final int DEFAULT_MAX_TARGETS = MemoryBudget.DEFAULT.maxTargets();
    public static final int DEFAULT_MAX_EXACT_HOSTS_PER_SOURCE = 65_536;
    public static final long DEFAULT_MAX_STATE_BYTES = MemoryBudget.DEFAULT.maxStateBytes();
    public static final List<Integer> DEFAULT_ESCALATION_LEVELS = List.of(20, 100, 1000);
    public static final int DEFAULT_MAX_LISTED_PORTS = 1024;
    public static final int DEFAULT_OUTBOUND_SWEEP_MIN_HOSTS = 10;
    public static final int DEFAULT_OUTBOUND_SCAN_MIN_PORTS = 10;
    /** RFC 1918, carrier-grade NAT (RFC 6598) and IPv6 unique-local addresses. */
    public static final List<String> DEFAULT_HOME_NETS =
            List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "fc00::/7");

    public DetectorConfig {
        requirePositive(sweepMinHosts, "sweep minimum hosts");
        requirePositive(scanMinPorts, "scan minimum ports");
        requirePositive(blockscanMinHosts, "block scan minimum hosts");
        requirePositive(blockscanMinHostPorts, "block scan minimum ports per host");
        requirePositive(sweepMaxPorts, "sweep maximum ports");
        requirePositive(p2pMinPeers, "peer-to-peer minimum peers");
        if (!(minFailureShare > 0 && minFailureShare <= 1)) {
            throw new IllegalArgumentException("minimum failure share must be in (0, 1], not " + minFailureShare);
        }
        requirePositive(maxListedPorts, "maximum listed ports");
        if (sourceIdle.isNegative() || sourceIdle.isZero()) {
            throw new IllegalArgumentException("source idle time must be positive");
        }
        if (slowSourceIdle.compareTo(sourceIdle) < 0) {
            throw new IllegalArgumentException("the slow-scan idle time must not be shorter than the source idle time");
        }
        requirePositive(slowMinFailures, "slow-scan minimum failures");
        requirePositive(maxSlowSources, "slow-scan maximum sources");
        requirePositive(maxSources, "maximum sources");
        requirePositive(maxExactHostsPerSource, "maximum exact hosts per source");
        requirePositive(maxTargets, "maximum targets");
        if (maxStateBytes < 1) {
            throw new IllegalArgumentException("the state memory budget must be positive");
        }
        requirePositive(outboundSweepMinHosts, "outbound sweep minimum hosts");
        requirePositive(outboundScanMinPorts, "outbound scan minimum ports");
        escalationLevels = List.copyOf(escalationLevels);
        for (int i = 1; i < escalationLevels.size(); i++) {
            if (escalationLevels.get(i) <= escalationLevels.get(i - 1)) {
                throw new IllegalArgumentException("escalation levels must increase: " + escalationLevels);
            }
        }
    }

    private static void requirePositive(int value, String what) {
        if (value < 1) {
            throw new IllegalArgumentException(what + " must be positive, not " + value);
        }
    }

    public static DetectorConfig defaults() {
        return new DetectorConfig(
                DEFAULT_SWEEP_MIN_HOSTS, DEFAULT_SCAN_MIN_PORTS,
                DEFAULT_BLOCKSCAN_MIN_HOSTS, DEFAULT_BLOCKSCAN_MIN_HOST_PORTS,
                DEFAULT_MIN_FAILURE_SHARE, DEFAULT_P2P_MIN_PEERS, DEFAULT_SWEEP_MAX_PORTS,
                DEFAULT_SOURCE_IDLE, DEFAULT_SLOW_SOURCE_IDLE, DEFAULT_SLOW_MIN_FAILURES, DEFAULT_MAX_SLOW_SOURCES,
                DEFAULT_MAX_SOURCES, DEFAULT_MAX_EXACT_HOSTS_PER_SOURCE, DEFAULT_MAX_STATE_BYTES,
                DEFAULT_MAX_TARGETS,
                DEFAULT_ESCALATION_LEVELS, DEFAULT_MAX_LISTED_PORTS, CidrSet.parse(DEFAULT_HOME_NETS),
                DEFAULT_OUTBOUND_SWEEP_MIN_HOSTS, DEFAULT_OUTBOUND_SCAN_MIN_PORTS, FalsePositiveExits.none(),
                true, SequentialTest.defaults(), 0);
    }

    public DetectorConfig withHomeNets(CidrSet home) {
        return toBuilder().homeNets(home).build();
    }

    public static Builder builder() {
        return defaults().toBuilder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.sweepMinHosts = sweepMinHosts;
        b.scanMinPorts = scanMinPorts;
        b.blockscanMinHosts = blockscanMinHosts;
        b.blockscanMinHostPorts = blockscanMinHostPorts;
        b.minFailureShare = minFailureShare;
        b.p2pMinPeers = p2pMinPeers;
        b.sweepMaxPorts = sweepMaxPorts;
        b.sourceIdle = sourceIdle;
        b.slowSourceIdle = slowSourceIdle;
        b.slowMinFailures = slowMinFailures;
        b.maxSlowSources = maxSlowSources;
        b.maxSources = maxSources;
        b.maxExactHostsPerSource = maxExactHostsPerSource;
        b.maxStateBytes = maxStateBytes;
        b.maxTargets = maxTargets;
        b.escalationLevels = escalationLevels;
        b.maxListedPorts = maxListedPorts;
        b.homeNets = homeNets;
        b.outboundSweepMinHosts = outboundSweepMinHosts;
        b.outboundScanMinPorts = outboundScanMinPorts;
        b.exits = exits;
        b.sequentialEnabled = sequentialEnabled;
        b.sequentialTest = sequentialTest;
        b.hashSeed = hashSeed;
        return b;
    }

    /** Starts from another configuration (usually the defaults) and changes what is named. */
    public static final class Builder {
        private int sweepMinHosts;
        private int scanMinPorts;
        private int blockscanMinHosts;
        private int blockscanMinHostPorts;
        private double minFailureShare;
        private int p2pMinPeers;
        private int sweepMaxPorts;
        private Duration sourceIdle;
        private Duration slowSourceIdle;
        private int slowMinFailures;
        private int maxSlowSources;
        private int maxSources;
        private int maxExactHostsPerSource;
        private long maxStateBytes;
        private int maxTargets;
        private List<Integer> escalationLevels;
        private int maxListedPorts;
        private CidrSet homeNets;
        private int outboundSweepMinHosts;
        private int outboundScanMinPorts;
        private FalsePositiveExits exits;
        private boolean sequentialEnabled;
        private SequentialTest sequentialTest;
        private long hashSeed;

        private Builder() {
        }

        public Builder sweepMinHosts(int v) { sweepMinHosts = v; return this; }
        public Builder scanMinPorts(int v) { scanMinPorts = v; return this; }
        public Builder blockscanMinHosts(int v) { blockscanMinHosts = v; return this; }
        public Builder blockscanMinHostPorts(int v) { blockscanMinHostPorts = v; return this; }
        public Builder minFailureShare(double v) { minFailureShare = v; return this; }
        public Builder p2pMinPeers(int v) { p2pMinPeers = v; return this; }
        public Builder sweepMaxPorts(int v) { sweepMaxPorts = v; return this; }
        public Builder sourceIdle(Duration v) { sourceIdle = v; return this; }
        public Builder slowSourceIdle(Duration v) { slowSourceIdle = v; return this; }
        public Builder slowMinFailures(int v) { slowMinFailures = v; return this; }
        public Builder maxSlowSources(int v) { maxSlowSources = v; return this; }
        public Builder maxSources(int v) { maxSources = v; return this; }
        public Builder maxExactHostsPerSource(int v) { maxExactHostsPerSource = v; return this; }
        public Builder maxStateBytes(long v) { maxStateBytes = v; return this; }
        public Builder maxTargets(int v) { maxTargets = v; return this; }

        /** Sets every capacity from a memory cap. */
        public Builder memory(MemoryBudget budget) {
            maxStateBytes = budget.maxStateBytes();
            maxSources = budget.maxSources();
            maxSlowSources = budget.maxSlowSources();
            maxTargets = budget.maxTargets();
            return this;
        }
        public Builder escalationLevels(List<Integer> v) { escalationLevels = v; return this; }
        public Builder maxListedPorts(int v) { maxListedPorts = v; return this; }
        public Builder homeNets(CidrSet v) { homeNets = v; return this; }
        public Builder outboundSweepMinHosts(int v) { outboundSweepMinHosts = v; return this; }
        public Builder outboundScanMinPorts(int v) { outboundScanMinPorts = v; return this; }
        public Builder exits(FalsePositiveExits v) { exits = v; return this; }
        public Builder sequentialEnabled(boolean v) { sequentialEnabled = v; return this; }
        public Builder sequentialTest(SequentialTest v) { sequentialTest = v; return this; }
        public Builder hashSeed(long v) { hashSeed = v; return this; }

        public DetectorConfig build() {
            return new DetectorConfig(sweepMinHosts, scanMinPorts, blockscanMinHosts, blockscanMinHostPorts,
                    minFailureShare, p2pMinPeers, sweepMaxPorts, sourceIdle, slowSourceIdle, slowMinFailures,
                    maxSlowSources, maxSources, maxExactHostsPerSource, maxStateBytes, maxTargets, escalationLevels, maxListedPorts, homeNets, outboundSweepMinHosts,
                    outboundScanMinPorts, exits, sequentialEnabled, sequentialTest, hashSeed);
        }
    }
}
