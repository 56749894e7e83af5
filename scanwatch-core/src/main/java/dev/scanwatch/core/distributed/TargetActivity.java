package dev.scanwatch.core.distributed;

import dev.scanwatch.core.expiry.IdleQueue;
import dev.scanwatch.core.model.Attempt;
import dev.scanwatch.core.model.Outcome;
import dev.scanwatch.core.model.Protocol;
import dev.scanwatch.core.model.Technique;
import dev.scanwatch.core.net.IpAddress;
import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import it.unimi.dsi.fastutil.ints.IntRBTreeSet;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/** What many sources did to one target with one protocol: the evidence of a distributed scan. */
final class TargetActivity extends IdleQueue.Member {

    final IpAddress target;
    final Protocol protocol;
    long firstNanos = Long.MAX_VALUE;
    long lastNanos = Long.MIN_VALUE;
    long attempts;
    final long[] outcomes = new long[Outcome.values().length];
    int techniques;
    /** Failed ports per source that has failed here at all. */
    final Map<IpAddress, IntOpenHashSet> failedPortsBySource = new HashMap<>();
    final IntRBTreeSet failedPorts = new IntRBTreeSet();
    /** Sources seen to have alerts of their own: their probes here belong to those alerts. */
    final java.util.Set<IpAddress> firedSources = new java.util.HashSet<>();
    final IntRBTreeSet ports = new IntRBTreeSet();
    final IntRBTreeSet openPorts = new IntRBTreeSet();
    long alertId = -1;
    long detectedAfter;

    TargetActivity(IpAddress target, Protocol protocol) {
        this.target = target;
        this.protocol = protocol;
    }

    void add(Attempt a) {
        attempts++;
        outcomes[a.outcome().ordinal()]++;
        techniques |= 1 << a.technique().ordinal();
        firstNanos = Math.min(firstNanos, a.timeNanos());
        lastNanos = Math.max(lastNanos, a.timeNanos());
        ports.add(a.port());
        if (a.outcome() == Outcome.OPEN) {
            openPorts.add(a.port());
            return;
        }
        failedPortsBySource.computeIfAbsent(a.src(), s -> new IntOpenHashSet(4)).add(a.port());
        failedPorts.add(a.port());
    }

    boolean fired() {
        return alertId >= 0;
    }

    TreeSet<IpAddress> sources() {
        return new TreeSet<>(failedPortsBySource.keySet());
    }

    boolean has(Technique t) {
        return (techniques & (1 << t.ordinal())) != 0;
    }
}
