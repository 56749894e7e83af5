package dev.scanwatch.core.detect;

import dev.scanwatch.core.model.Attempt;
import dev.scanwatch.core.model.Outcome;
import dev.scanwatch.core.model.Protocol;
import dev.scanwatch.core.model.Technique;
import dev.scanwatch.core.net.CidrSet;
import dev.scanwatch.core.net.IpAddress;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import it.unimi.dsi.fastutil.ints.IntRBTreeSet;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;

/**
 * Everything one source did with one protocol since it was last idle: the evidence of an alert.
 * Hosts are kept as 64-bit fingerprints ({@link IpAddress#fingerprint}); the few addresses an
 * alert names (lowest, highest) are kept as they are.
 */
final class SourceActivity {

    final SourceKey key;
    long firstNanos = Long.MAX_VALUE;
    long lastNanos = Long.MIN_VALUE;
    /** Event time of the latest attempt's arrival, which drives idle expiry. */
    long lastSeenNanos;
    long queuedIdleDeadline;
    boolean closed;

    long attempts;
    final long[] outcomes = new long[Outcome.values().length];
    int techniques; // bit per Technique ordinal

    final LongOpenHashSet targets = new LongOpenHashSet();
    long homeTargets;
    IpAddress targetMin;
    IpAddress targetMax;
    final IntRBTreeSet ports = new IntRBTreeSet();
    final IntRBTreeSet openPorts = new IntRBTreeSet();

    final Int2ObjectOpenHashMap<LongOpenHashSet> failedHostsByPort = new Int2ObjectOpenHashMap<>();
    final Long2ObjectOpenHashMap<IntOpenHashSet> failedPortsByHost = new Long2ObjectOpenHashMap<>();
    long failedPairs;
    int widestSweep; // most failed hosts on one port
    int deepestScan; // most failed ports on one host
    /** The host with the most failed ports: the target a port scan names. */
    IpAddress deepestHost;

    /** Set when the detector fires. */
    long alertId = -1;
    long detectedAfter;
    int escalationIndex;

    SourceActivity(SourceKey key) {
        this.key = key;
    }

    Protocol protocol() {
        return key.protocol();
    }

    void add(Attempt a, CidrSet home) {
        attempts++;
        outcomes[a.outcome().ordinal()]++;
        techniques |= 1 << a.technique().ordinal();
        firstNanos = Math.min(firstNanos, a.timeNanos());
        lastNanos = Math.max(lastNanos, a.timeNanos());
        IpAddress dst = a.dst();
        long host = IpAddress.fingerprint(dst.hi(), dst.lo());
        if (targets.add(host)) {
            if (home.contains(dst)) {
                homeTargets++;
            }
            if (targetMin == null || dst.compareTo(targetMin) < 0) {
                targetMin = dst;
            }
            if (targetMax == null || dst.compareTo(targetMax) > 0) {
                targetMax = dst;
            }
        }
        int port = a.port();
        ports.add(port);
        if (a.outcome() == Outcome.OPEN) {
            openPorts.add(port);
            return;
        }
        LongOpenHashSet hosts = failedHostsByPort.computeIfAbsent(port, p -> new LongOpenHashSet());
        if (hosts.add(host)) {
            failedPairs++;
            widestSweep = Math.max(widestSweep, hosts.size());
            IntOpenHashSet hostPorts = failedPortsByHost.computeIfAbsent(host, h -> new IntOpenHashSet());
            hostPorts.add(port);
            if (hostPorts.size() > deepestScan) {
                deepestScan = hostPorts.size();
                deepestHost = dst;
            }
        }
    }

    boolean fired() {
        return alertId >= 0;
    }

    long count(Outcome o) {
        return outcomes[o.ordinal()];
    }

    boolean has(Technique t) {
        return (techniques & (1 << t.ordinal())) != 0;
    }

    int failedHosts() {
        return failedPortsByHost.size();
    }

    int failedPorts() {
        return failedHostsByPort.size();
    }
}
