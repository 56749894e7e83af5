package dev.scanwatch.core.detect;

import dev.scanwatch.core.alert.Alert;
import dev.scanwatch.core.alert.AlertState;
import dev.scanwatch.core.expiry.IdleQueue;
import dev.scanwatch.core.memory.MemoryBudget;
import dev.scanwatch.core.model.Attempt;
import dev.scanwatch.core.model.Outcome;
import dev.scanwatch.core.model.Protocol;
import dev.scanwatch.core.model.Technique;
import dev.scanwatch.core.net.AddressScopes;
import dev.scanwatch.core.net.CidrSet;
import dev.scanwatch.core.net.IpAddress;
import com.dynatrace.hash4j.distinctcount.UltraLogLog;
import it.unimi.dsi.fastutil.ints.Int2LongOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntCollection;
import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import it.unimi.dsi.fastutil.ints.IntSets;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;

import java.io.Serializable;
import java.util.function.LongSupplier;

/**
 * Scan detection for one (source, protocol): everything the source did since it was last idle,
 * the decision to fire, and the alert. It is the unit a table keeps per source
 * ({@link ScanDetector}) and a keyed stream keeps per key (Flink's keyBy(source)); it holds no
 * configuration and no clock, and it is serialisable for keyed state.
 *
 * <p>Hosts are kept as 64-bit fingerprints ({@link IpAddress#fingerprint}); the few addresses an
 * alert names (lowest, highest, the scanned host) are kept as they are. A (host, port) pair
 * counts once, with the outcome of its first attempt.
 *
 * <p>The tables file each host under its fingerprint remixed by a secret seed (a bijection, so
 * the counts are the same): within one /64 the fingerprint is a bijection of the interface ID, so
 * an IPv6 scanner could otherwise pick targets whose entries all fall in one probe run of these
 * open-addressing tables, and every new host would walk all the others (up to 65,536 of them).
 * The host sketch is fed the plain fingerprints, so its estimates do not depend on the seed.
 */
public final class SourceActivity extends IdleQueue.Member implements Serializable {

    /**
     * 6: a host's first port is held inline ({@link HostEvidence#firstPort}), its set made at the second.
     * 5: the only host's ports are the keys of {@link #countsByPort} ({@link HostEvidence#ports}).
     * 4: one map per host ({@link HostEvidence}) instead of three, and the ports reached are the
     * keys of {@link #countsByPort}. 3: hosts filed under a seeded remix of their fingerprints.
     * 2: the first pair held inline and the per-port counts in one map. Keyed state of an earlier
     * version does not restore.
     */
    private static final long serialVersionUID = 6L;

    final SourceKey key;
    /** The remix of host fingerprints (0: none); kept with the tables it filed, so restored state stays consistent. */
    private final long hostSeed;
    private final long hostMultiplier;
    /** Whether the source is in the home networks (decides outbound thresholds). */
    final boolean srcHome;
    long firstNanos = Long.MAX_VALUE;
    long lastNanos = Long.MIN_VALUE;

    long attempts;
    final long[] outcomes = new long[Outcome.values().length];
    int techniques; // bit per Technique ordinal

    long homeTargets;
    long publicTargets;
    IpAddress targetMin;
    IpAddress targetMax;
    // Every collection below is created when first needed, small: a flood of spoofed sources,
    // one SYN each, must not cost a dozen hash tables per source.
    /**
     * Distinct (host, port) pairs so far, counted up to two: while there is only one, it is held
     * in the {@code sole...} fields and none of the tables below exists. Most sources never reach
     * a second pair (a client's one server, a spoofed SYN), and their tables were most of the
     * detector's memory and working set.
     */
    private int pairs;
    private long soleHost;
    private int solePort;
    private boolean soleFailed;
    /** The per-host sequential test of the sole pair's host ({@link HostEvidence#portWalk} once tables exist). */
    private double soleWalk;
    IntOpenHashSet openPorts;

    /**
     * Per port reached, how many hosts were reached on it (upper 32 bits) and how many of them
     * failed (lower 32); null until a second pair. Counts, not sets: a (host, port) pair gets here
     * only the first time ({@code hosts} tells), so each increment is a new host. A set per
     * (source, port) was the detectors' largest allocation (14 %) for the same answer; two maps,
     * one per count, cost two hash operations per new pair, and their growth was 12 % of the
     * bench's allocation. Its keys are also the set of ports reached: a set of its own was a third
     * table the size of a port scan, grown and probed on every attempt. Once hosts are past the
     * exact limit, a port first reached after that is a key with no counts.
     */
    Int2LongOpenHashMap countsByPort;
    /** Ports with at least one failure (the keys of {@link #countsByPort} whose lower half is not 0). */
    int failedPortCount;
    private static final long ONE_HOST = 1L << 32;
    private static final long LOW_32 = 0xFFFF_FFFFL;
    /**
     * Per host, what the source did there: one map, not one per figure (a new host cost three
     * insertions, and every new pair two lookups more).
     */
    Long2ObjectOpenHashMap<HostEvidence> hosts;
    /** Hosts with at least one failed pair. */
    int failedHostCount;

    int widestSweep; // most failed hosts on one port
    int deepestScan; // most failed ports on one host
    /** The host with the most failed ports: the target a port scan names. */
    IpAddress deepestHost;
    /** Hosts that failed on at least the block-scan number of ports: the rows of a grid. */
    int gridHosts;

    /**
     * Peer-to-peer evidence: successful exchanges on high ports, each port with the one host it
     * was reached on ({@link #SHARED_PORT} once a second host answered on it), and per such
     * host how many of its ports are its own. Peers are hosts with at least one.
     */
    private Int2LongOpenHashMap peerByHighPort;
    private Long2IntOpenHashMap ownPortsByPeer;
    private static final long SHARED_PORT = Long.MIN_VALUE;
    /** Initial size of the lazily made tables: most sources touch one or two hosts and ports. */
    private static final int SMALL = 2;
    private static final int FIRST_HIGH_PORT = 1024;
    /** UltraLogLog precision past the exact limit: 4 KiB of state, about 1 % error. */
    private static final int SKETCH_PRECISION = 12;
    private static final long SKETCH_BYTES = (1L << SKETCH_PRECISION) + 64;
    // The cost model of one source is measured by the bench's costmodel command (memory/MemoryBudget).
    static final long BASE_BYTES = MemoryBudget.SOURCE_BASE_BYTES;
    static final long HOST_BYTES = MemoryBudget.SOURCE_HOST_BYTES;
    static final long PORT_BYTES = MemoryBudget.SOURCE_PORT_BYTES;
    static final long PAIR_BYTES = MemoryBudget.SOURCE_PAIR_BYTES;
    static final long TABLES_BYTES = MemoryBudget.SOURCE_TABLES_BYTES;
    static final long HOST_PORTS_BYTES = MemoryBudget.SOURCE_HOST_PORTS_BYTES;

    /** The sequential test over first contacts with new hosts (horizontal: TRW as published). */
    double hostWalk;
    /** Set once either walk reached the scanner bound. */
    boolean sequentialVerdict;

    /**
     * Past the exact-tracking limit a source keeps no more per-host detail: further hosts are
     * counted by a sketch. By then it has long fired, or it is a busy server or NAT gateway whose
     * contacts succeed; either way the detail of host 65,537 changes no decision.
     */
    private byte[] hostSketchState;
    /** A view of {@link #hostSketchState} (the sketch itself is not serialisable; its bytes are). */
    private transient UltraLogLog hostSketch;
    /** Hosts tracked exactly when the sketch took over. */
    int exactHostsAtSaturation;

    /** Estimated bytes this source holds, kept up to date for the detector's memory budget. */
    long bytes = BASE_BYTES;

    /** Kept for the long horizon by the table (its bookkeeping; not evidence). */
    transient boolean inLongHorizon;
    /** {@link Probation}'s links and mark (the detector's bookkeeping; not evidence). */
    transient boolean onProbation;
    transient SourceActivity probationPrevious;
    transient SourceActivity probationNext;

    /** Set when the detector fires. */
    long alertId = -1;
    long detectedAfter;
    int escalationIndex;
    /** Attempts at which the next escalation level is reached (checked on every attempt). */
    long nextLevelAt = Long.MAX_VALUE;

    /** @param srcHome whether the source is in the home networks (decides outbound thresholds) */
    public SourceActivity(IpAddress src, Protocol protocol, boolean srcHome) {
        this(src, protocol, srcHome, 0);
    }

    /**
     * @param srcHome  whether the source is in the home networks (decides outbound thresholds)
     * @param hashSeed the detector configuration's {@link DetectorConfig#hashSeed}
     */
    public SourceActivity(IpAddress src, Protocol protocol, boolean srcHome, long hashSeed) {
        this.key = new SourceKey(src, protocol);
        this.srcHome = srcHome;
        this.hostSeed = hashSeed;
        this.hostMultiplier = IpAddress.mix(hashSeed) | 1;
    }

    /** Where the tables file {@code dst}: its fingerprint, remixed by the seed (seed 0 leaves it as it is). */
    long hostOf(IpAddress dst) {
        return filed(dst.fingerprint());
    }

    private long filed(long fingerprint) {
        return (fingerprint ^ hostSeed) * hostMultiplier;
    }

    /** The fingerprint of the host filed under {@code host}. */
    long fingerprintOf(long host) {
        return unfiled(host, IpAddress.inverseOfOdd(hostMultiplier));
    }

    private long unfiled(long host, long inverseMultiplier) {
        return host * inverseMultiplier ^ hostSeed;
    }

    /**
     * Adds an attempt of this source and says which alert event, if any, it causes: OPEN when
     * the evidence first crosses a threshold, UPDATED at each escalation level, else null.
     *
     * @param nextAlertId called once, when the alert opens
     */
    public AlertState offer(Attempt a, DetectorConfig config, LongSupplier nextAlertId) {
        long fingerprint = a.dst().fingerprint();
        long host = filed(fingerprint);
        boolean newPair = add(a, fingerprint, host, config.homeNets(), config.blockscanMinHostPorts(),
                config.sequentialTest(), config.maxExactHostsPerSource());
        if (!fired()) {
            if (newPair && ScanRules.thresholdReached(this, a, host, config)) {
                alertId = nextAlertId.getAsLong();
                detectedAfter = attempts;
                escalationIndex = ScanRules.levelIndex(attempts, config);
                nextLevelAt = ScanRules.nextLevel(attempts, config);
                return AlertState.OPEN;
            }
            return null;
        }
        if (attempts < nextLevelAt) {
            return null;
        }
        escalationIndex = ScanRules.levelIndex(attempts, config);
        nextLevelAt = ScanRules.nextLevel(attempts, config);
        return AlertState.UPDATED;
    }

    /** The alert as it stands, in the given state (only meaningful once it has fired). */
    public Alert alert(AlertState state, DetectorConfig config) {
        return new AlertFactory(config).of(this, state);
    }

    public IpAddress src() {
        return key.src();
    }

    public Protocol protocol() {
        return key.protocol();
    }

    /**
     * Adds one attempt's evidence.
     *
     * @return whether the (host, port) pair was new
     */
    boolean add(Attempt a, CidrSet home, int gridHostPorts, SequentialTest test, int maxExactHosts) {
        long fingerprint = a.dst().fingerprint();
        return add(a, fingerprint, filed(fingerprint), home, gridHostPorts, test, maxExactHosts);
    }

    /** {@link #add(Attempt, CidrSet, int, SequentialTest, int)} with the destination's fingerprint and filing. */
    private boolean add(Attempt a, long fingerprint, long host, CidrSet home, int gridHostPorts, SequentialTest test,
                        int maxExactHosts) {
        attempts++;
        outcomes[a.outcome().ordinal()]++;
        techniques |= 1 << a.technique().ordinal();
        firstNanos = Math.min(firstNanos, a.timeNanos());
        lastNanos = Math.max(lastNanos, a.timeNanos());
        IpAddress dst = a.dst();
        int port = a.port();
        if (a.outcome() == Outcome.OPEN) {
            if (openPorts == null) {
                openPorts = new IntOpenHashSet(SMALL);
            }
            openPorts.add(port);
            if (port >= FIRST_HIGH_PORT && protocol().hasPorts()) {
                notePeer(port, host);
            }
        }
        boolean failure = a.outcome().isFailure();
        if (hostSketchState != null) {
            return sketched(port, fingerprint, dst);
        }
        if (pairs == 0 && maxExactHosts > 1) {
            return soleAdd(host, port, dst, failure, home, gridHostPorts, test);
        }
        if (pairs < 2) {
            if (pairs == 1 && host == soleHost && port == solePort) {
                return false;
            }
            spill();
        }
        HostEvidence there = hosts.get(host);
        if (there == null) {
            if (hosts.size() >= maxExactHosts) {
                // No per-host set is read past this point (the sketch takes every later attempt).
                saturate();
                return sketched(port, fingerprint, dst);
            }
            giveOnlyHostItsOwnPorts();
            there = new HostEvidence();
            hosts.put(host, there);
            bytes += HOST_BYTES;
            contactedNewHost(dst, home, failure, test);
        }
        long counted = failure ? ONE_HOST + 1 : ONE_HOST;
        long before;
        if (hosts.size() == 1) {
            // The only host: a port is new to it exactly when it is new to the source. Every
            // value counts a host, so 0 (the map's default) means absent.
            before = countsByPort.putIfAbsent(port, counted);
            if (before != 0) {
                return false;
            }
        } else {
            if (!there.addPort(port)) {
                return false;
            }
            if (there.portCount == 1) {
                bytes += HOST_PORTS_BYTES; // its second port made its set
            }
            before = countsByPort.addTo(port, counted);
        }
        there.portCount++;
        bytes += PAIR_BYTES;
        if (protocol().hasPorts()) {
            there.portWalk = test.step(there.portWalk, failure);
            sequentialVerdict |= there.portWalk >= test.scannerBound();
        }
        if (before == 0) {
            bytes += PORT_BYTES;
        }
        if (failure) {
            int onPort = (int) (before & LOW_32) + 1;
            if (onPort == 1) {
                failedPortCount++;
            }
            if (there.failures++ == 0) {
                failedHostCount++;
            }
            failedPair(onPort, there.failures, dst, gridHostPorts);
        }
        return true;
    }

    /**
     * The first pair, as the general path below would record it into empty tables, into the
     * {@code sole...} fields instead (the byte estimate grows by the same amounts).
     */
    private boolean soleAdd(long host, int port, IpAddress dst, boolean failure, CidrSet home, int gridHostPorts,
                            SequentialTest test) {
        pairs = 1;
        soleHost = host;
        solePort = port;
        soleFailed = failure;
        bytes += HOST_BYTES + PAIR_BYTES + PORT_BYTES;
        contactedNewHost(dst, home, failure, test);
        if (protocol().hasPorts()) {
            soleWalk = test.step(0.0, failure);
            sequentialVerdict |= soleWalk >= test.scannerBound();
        }
        if (failure) {
            failedPair(1, 1, dst, gridHostPorts);
        }
        return true;
    }

    /** A first contact with a host: its address counts, and the horizontal test takes a step. */
    private void contactedNewHost(IpAddress dst, CidrSet home, boolean failure, SequentialTest test) {
        newHost(dst, home);
        hostWalk = test.step(hostWalk, failure);
        sequentialVerdict |= hostWalk >= test.scannerBound();
    }

    /**
     * A new pair that failed, the {@code onPort}-th failed host on its port and the
     * {@code onHost}-th failed port on its host: the shape of the failures grows.
     */
    private void failedPair(int onPort, int onHost, IpAddress dst, int gridHostPorts) {
        widestSweep = Math.max(widestSweep, onPort);
        if (onHost > deepestScan) {
            deepestScan = onHost;
            deepestHost = dst;
        }
        if (onHost == gridHostPorts) {
            gridHosts++;
        }
    }

    /** A second pair arrived: the tables exist from now on, and the sole pair, if any, moves into them. */
    private void spill() {
        hosts = new Long2ObjectOpenHashMap<>(SMALL);
        countsByPort = new Int2LongOpenHashMap(SMALL);
        boolean hadSole = pairs == 1;
        pairs = 2;
        bytes += TABLES_BYTES;
        if (!hadSole) {
            return;
        }
        HostEvidence there = new HostEvidence();
        there.portCount = 1;
        there.portWalk = soleWalk;
        hosts.put(soleHost, there);
        countsByPort.put(solePort, soleFailed ? ONE_HOST + 1 : ONE_HOST);
        if (soleFailed) {
            failedPortCount = 1;
            there.failures = 1;
            failedHostCount = 1;
        }
    }

    /** Every port reached, as a collection (a singleton while there is one pair). */
    IntCollection portsReached() {
        if (pairs == 0) {
            return IntSets.EMPTY_SET;
        }
        return pairs == 1 ? IntSets.singleton(solePort) : countsByPort.keySet();
    }

    /** Distinct ports reached. */
    int portCount() {
        return pairs <= 1 ? pairs : countsByPort.size();
    }

    private void notePeer(int port, long host) {
        if (peerByHighPort == null) {
            peerByHighPort = new Int2LongOpenHashMap(SMALL);
            ownPortsByPeer = new Long2IntOpenHashMap(SMALL);
        }
        if (!peerByHighPort.containsKey(port)) {
            peerByHighPort.put(port, host);
            ownPortsByPeer.addTo(host, 1);
            return;
        }
        long owner = peerByHighPort.get(port);
        if (owner != SHARED_PORT && owner != host) {
            // A port open on two hosts is a service being swept, not a peer's own port.
            peerByHighPort.put(port, SHARED_PORT);
            if (ownPortsByPeer.addTo(owner, -1) == 1) {
                ownPortsByPeer.remove(owner);
            }
        }
    }

    /** Distinct hosts reached successfully on a high port of their own: a P2P client's peers. */
    int peers() {
        return ownPortsByPeer == null ? 0 : ownPortsByPeer.size();
    }

    /**
     * Before a second host puts keys in {@link #countsByPort} that are not the first host's
     * ports: from then on that host holds its own, inline while it has one.
     */
    private void giveOnlyHostItsOwnPorts() {
        if (hosts.size() == 1) {
            HostEvidence only = hosts.values().iterator().next();
            if (only.portCount == 1) {
                only.firstPort = countsByPort.keySet().iterator().nextInt();
            } else {
                only.ports = new IntOpenHashSet(countsByPort.keySet());
                bytes += HOST_PORTS_BYTES;
            }
        }
    }

    /** Switches to counting hosts with a sketch, seeded with those known; the exact tables keep what they hold. */
    private void saturate() {
        exactHostsAtSaturation = hosts.size();
        hostSketch = UltraLogLog.create(SKETCH_PRECISION);
        hostSketchState = hostSketch.getState();
        long inverseMultiplier = IpAddress.inverseOfOdd(hostMultiplier);
        for (long known : hosts.keySet()) {
            hostSketch.add(unfiled(known, inverseMultiplier));
        }
        bytes += SKETCH_BYTES;
    }

    /** A pair past the exact limit: its port is a key with no counts, its host goes to the sketch. */
    private boolean sketched(int port, long fingerprint, IpAddress dst) {
        countsByPort.putIfAbsent(port, 0L);
        sketch().add(fingerprint);
        widenRange(dst);
        return false;
    }

    private void widenRange(IpAddress dst) {
        if (dst.compareTo(targetMin) < 0) {
            targetMin = dst;
        }
        if (dst.compareTo(targetMax) > 0) {
            targetMax = dst;
        }
    }

    private void newHost(IpAddress dst, CidrSet home) {
        if (home.contains(dst)) {
            homeTargets++;
        }
        if (AddressScopes.isPublic(dst)) {
            publicTargets++;
        }
        if (targetMin == null || dst.compareTo(targetMin) < 0) {
            targetMin = dst;
        }
        if (targetMax == null || dst.compareTo(targetMax) > 0) {
            targetMax = dst;
        }
    }

    int hostsOn(int port) {
        if (pairs <= 1) {
            return pairs == 1 && port == solePort ? 1 : 0;
        }
        return (int) (countsByPort.get(port) >>> 32);
    }

    int failuresOn(int port) {
        if (pairs <= 1) {
            return pairs == 1 && soleFailed && port == solePort ? 1 : 0;
        }
        return (int) (countsByPort.get(port) & LOW_32);
    }

    int portsOn(long host) {
        if (pairs <= 1) {
            return pairs == 1 && host == soleHost ? 1 : 0;
        }
        HostEvidence there = hosts.get(host);
        return there == null ? 0 : there.portCount;
    }

    int failuresOnHost(long host) {
        if (pairs <= 1) {
            return pairs == 1 && soleFailed && host == soleHost ? 1 : 0;
        }
        HostEvidence there = hosts.get(host);
        return there == null ? 0 : there.failures;
    }

    public boolean fired() {
        return alertId >= 0;
    }

    /** Estimated bytes this source holds: the memory budget's figure (docs/PERFORMANCE.md, cost model). */
    public long estimatedBytes() {
        return bytes;
    }

    public long failures() {
        return attempts - outcomes[Outcome.OPEN.ordinal()];
    }

    long count(Outcome o) {
        return outcomes[o.ordinal()];
    }

    boolean has(Technique t) {
        return (techniques & (1 << t.ordinal())) != 0;
    }

    private UltraLogLog sketch() {
        if (hostSketch == null) {
            hostSketch = UltraLogLog.wrap(hostSketchState);
        }
        return hostSketch;
    }

    /** Distinct hosts reached: exact up to the limit, estimated past it. */
    long targets() {
        if (hostSketchState == null) {
            return pairs <= 1 ? pairs : hosts.size();
        }
        return Math.max(exactHostsAtSaturation, Math.round(sketch().getDistinctCountEstimate()));
    }

    /** Distinct ports with at least one failure. */
    int failedPorts() {
        if (pairs == 1) {
            return soleFailed ? 1 : 0;
        }
        return failedPortCount;
    }

    /** Distinct hosts with at least one failure. */
    int failedHosts() {
        if (pairs == 1) {
            return soleFailed ? 1 : 0;
        }
        return failedHostCount;
    }

    /** What the source did to one host: the ports it reached there, its vertical test, its failures. */
    static final class HostEvidence implements Serializable {
        private static final long serialVersionUID = 3L;
        /**
         * The ports reached on this host once there are two; null while there is one (it is
         * {@link #firstPort}), and while this is the source's only host, whose ports are then the
         * keys of {@link #countsByPort}. A sweep reaches each host on one port: a set per host
         * was more than half of a swept host's memory (146 bytes measured, 64 with the port inline) and two of
         * the detector's allocations per new host. A port scan is one host and up to 65,536
         * ports: a second table of the same ports was a third of its detection work.
         */
        IntOpenHashSet ports;
        /** The first port reached on this host (once it is not the source's only host). */
        int firstPort;
        int portCount;
        /** The sequential test over first contacts with this host's new ports (vertical). */
        double portWalk;
        /** Pairs on this host that failed. */
        int failures;

        /**
         * Records a port reached on this host, unless the source's only host (whose ports the
         * per-port counts keep); false when it was reached before. The caller counts it.
         */
        boolean addPort(int port) {
            if (portCount == 0) {
                firstPort = port;
                return true;
            }
            if (ports == null) {
                if (port == firstPort) {
                    return false;
                }
                ports = new IntOpenHashSet(SMALL);
                ports.add(firstPort);
            }
            return ports.add(port);
        }
    }
}
