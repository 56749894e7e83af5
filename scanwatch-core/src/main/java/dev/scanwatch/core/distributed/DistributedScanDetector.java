package dev.scanwatch.core.distributed;

import dev.scanwatch.core.alert.Alert;
import dev.scanwatch.core.alert.AlertIds;
import dev.scanwatch.core.alert.AlertListener;
import dev.scanwatch.core.alert.AlertState;
import dev.scanwatch.core.expiry.IdleQueue;
import dev.scanwatch.core.model.Attempt;
import dev.scanwatch.core.model.Protocol;
import dev.scanwatch.core.net.CidrSet;
import dev.scanwatch.core.net.IpAddress;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * Distributed scans: many sources, one target, none of them a scanner on its own (a botnet
 * sharing out the ports of one host). State is keyed by destination, which is what lets it be
 * partitioned apart from the per-source detectors. Sources that fired an alert of their own
 * feed it no more, so one scan is not reported twice; decoys are joined by
 * {@link DistributedScanCorrelator} instead.
 */
public final class DistributedScanDetector {

    /** Distinct sources, without alerts of their own, that must have failed on the target. */
    public static final int MIN_SOURCES = 5;
    /** Distinct ports of the target that must have failed, over all of them. */
    public static final int MIN_PORTS = 20;
    /** No single source may account for more than this share of the failed ports. */
    public static final double MAX_SHARE_OF_ONE_SOURCE = 0.5;

    private final AlertListener listener;
    /** Whether the listener reads OPEN events (else only closes are built). */
    private final boolean progress;
    private final BiPredicate<IpAddress, Protocol> firedOnItsOwn;
    private final int maxListedPorts;
    private final CidrSet homeNets;
    /** Targets by protocol, then address: the attempt's own address is the key, so none is made per attempt. */
    private final EnumMap<Protocol, HashMap<IpAddress, TargetActivity>> targets = new EnumMap<>(Protocol.class);
    private int targetCount;
    /** {@link #firedOnItsOwn} for one protocol, made once rather than per attempt. */
    private final EnumMap<Protocol, Predicate<IpAddress>> firedOnItsOwnFor = new EnumMap<>(Protocol.class);
    private final LongSupplier nextId;
    private final IdleQueue<TargetActivity> idle;
    private final int maxTargets;
    private long evictions;
    /** What closed targets counted and did not keep (the live ones add theirs when asked). */
    private long sourcesNotKept;
    private long ownAlertSourcesNotRemembered;
    private final java.util.function.Consumer<TargetActivity> closeExpired = this::close;
    private long now = Long.MIN_VALUE;

    /**
     * @param firedOnItsOwn whether a (source, protocol) has an alert of its own
     * @param ids           alert numbers shared with the per-source detector
     */
    public DistributedScanDetector(AlertListener listener, BiPredicate<IpAddress, Protocol> firedOnItsOwn,
                                   Duration idle, int maxListedPorts, CidrSet homeNets, AlertIds ids,
                                   int maxTargets) {
        this.maxTargets = maxTargets;
        this.listener = listener;
        this.progress = listener.wantsProgress();
        this.firedOnItsOwn = firedOnItsOwn;
        this.idle = new IdleQueue<>(idle.toNanos());
        this.maxListedPorts = maxListedPorts;
        this.homeNets = homeNets;
        this.nextId = ids::next;
        for (Protocol p : Protocol.values()) {
            targets.put(p, new HashMap<>());
            firedOnItsOwnFor.put(p, src -> firedOnItsOwn.test(src, p));
        }
    }

    public void onAttempt(Attempt a) {
        HashMap<IpAddress, TargetActivity> ofProtocol = targets.get(a.protocol());
        TargetActivity t = ofProtocol.get(a.dst());
        boolean ownAlert = firedOnItsOwn.test(a.src(), a.protocol());
        if (t == null) {
            if (ownAlert) {
                return;
            }
            while (targetCount >= maxTargets) {
                evictLeastRecent();
            }
            t = new TargetActivity(a.dst(), a.protocol());
            ofProtocol.put(a.dst(), t);
            targetCount++;
            idle.add(t, Math.max(now, a.timeNanos()));
        }
        IdleQueue.touch(t, Math.max(now, a.timeNanos()));
        if (t.offer(a, ownAlert, firedOnItsOwnFor.get(a.protocol()), nextId) == AlertState.OPEN && progress) {
            listener.onAlert(alert(t, AlertState.OPEN));
        }
    }

    public void advanceTo(long timeNanos) {
        if (timeNanos <= now) {
            return;
        }
        now = timeNanos;
        if (idle.isDue(now)) {
            idle.expire(now, closeExpired);
        }
    }

    public void finish() {
        List<TargetActivity> open = new ArrayList<>(targetCount);
        targets.values().forEach(m -> open.addAll(m.values()));
        open.sort(Comparator.comparingLong(t -> t.alertId));
        open.forEach(this::close);
        idle.clear();
    }

    /** At the capacity the least recently active target goes: closed if it fired, else dropped and counted. */
    private void evictLeastRecent() {
        TargetActivity t = idle.pollOldest();
        if (t == null) {
            return;
        }
        if (!t.fired()) {
            evictions++;
        }
        close(t);
        t.detach();
        idle.prune(targetCount);
    }

    /** Targets dropped by the capacity before they went idle. */
    public long evictions() {
        return evictions;
    }

    /** Attempts of failing sources that a full target did not keep, because their ports had failed already. */
    public long sourcesNotKept() {
        return sourcesNotKept + sumOfLive(t -> t.sourcesNotKept);
    }

    /** Attempts of sources with alerts of their own that a target met once it remembered as many as it may. */
    public long ownAlertSourcesNotRemembered() {
        return ownAlertSourcesNotRemembered + sumOfLive(t -> t.ownAlertSourcesNotRemembered);
    }

    private long sumOfLive(ToLongFunction<TargetActivity> count) {
        long n = 0;
        for (HashMap<IpAddress, TargetActivity> m : targets.values()) {
            for (TargetActivity t : m.values()) {
                n += count.applyAsLong(t);
            }
        }
        return n;
    }

    private void close(TargetActivity t) {
        if (targets.get(t.protocol).remove(t.target) != null) {
            targetCount--;
            sourcesNotKept += t.sourcesNotKept;
            ownAlertSourcesNotRemembered += t.ownAlertSourcesNotRemembered;
        }
        if (t.fired()) {
            listener.onAlert(alert(t, AlertState.CLOSED));
        }
    }

    private Alert alert(TargetActivity t, AlertState state) {
        return t.alert(state, firedOnItsOwnFor.get(t.protocol), maxListedPorts, homeNets);
    }
}
