package dev.scanwatch.core.distributed;

import dev.scanwatch.core.alert.Alert;
import dev.scanwatch.core.alert.AlertState;
import dev.scanwatch.core.alert.PortLists;
import dev.scanwatch.core.alert.SummaryLine;
import dev.scanwatch.core.expiry.IdleQueue;
import dev.scanwatch.core.model.Attempt;
import dev.scanwatch.core.model.Direction;
import dev.scanwatch.core.model.Outcome;
import dev.scanwatch.core.model.Protocol;
import dev.scanwatch.core.model.ScanKind;
import dev.scanwatch.core.model.Severity;
import dev.scanwatch.core.model.Technique;
import dev.scanwatch.core.net.CidrSet;
import dev.scanwatch.core.net.IpAddress;
import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * Distributed-scan detection for one (target, protocol): what many sources did to it, the
 * decision to fire, and the alert. The unit a table keeps per target
 * ({@link DistributedScanDetector}) and a keyed stream per key (Flink's keyBy(destination));
 * serialisable, with no configuration or clock inside.
 */
public final class TargetActivity extends IdleQueue.Member implements Serializable {

    /**
     * 4: scanners with alerts of their own are a set of sources, no longer a map to their ports.
     * Keyed state of an earlier version does not restore.
     */
    private static final long serialVersionUID = 4L;
    /** Sources listed in the alert. */
    private static final int MAX_LISTED_SOURCES = 256;
    /**
     * Sources remembered per target before only those that bring a port not failed yet are: a
     * flood of spoofed sources at one victim's port must not grow the table (it did, by 10 M
     * entries), and past this many sources another one on a known port changes no decision.
     */
    static final int MAX_SOURCES_PER_TARGET = 256;
    /**
     * Sources with alerts of their own remembered per target before they have failed on it: a
     * busy server that never goes idle meets scanner after scanner, and remembering every one
     * grew its state without end, outside the memory budget. As many as the sources kept (4 KiB
     * of fingerprints at most); past them, a scanner that later fails here after its own alert
     * has ended counts as one of the target's sources.
     */
    static final int MAX_OWN_ALERT_SOURCES_REMEMBERED = MAX_SOURCES_PER_TARGET;

    final IpAddress target;
    final Protocol protocol;
    long firstNanos = Long.MAX_VALUE;
    long lastNanos = Long.MIN_VALUE;
    long attempts;
    final long[] outcomes = new long[Outcome.values().length];
    int techniques;
    /** Failed ports per source that has failed here, until a recount finds it has an alert of its own. */
    final Map<IpAddress, IntOpenHashSet> failedPortsBySource = new HashMap<>();
    /**
     * Sources that failed here and were then found to have alerts of their own: kept for the
     * alert's list of sources and the count of sources kept, but out of the recount that runs on
     * every attempt until the alert fires (their ports, which nothing reads, are dropped). Left
     * among the others, a target probed by many scanners that each fire elsewhere made every
     * attempt at it walk all of them and all their ports.
     */
    final Set<IpAddress> ownAlertSources = new HashSet<>();
    final IntOpenHashSet failedPorts = new IntOpenHashSet(4);
    /**
     * Sources seen to have alerts of their own before they failed here, as
     * {@link IpAddress#fingerprint}s: their probes here belong to those alerts (a set of address
     * records was 5 % of a warm profile). One that fails here afterwards moves to
     * {@link #ownAlertSources} at once; one whose own alert ended first fails here like any other
     * source, and the next recount sets it aside.
     */
    final LongOpenHashSet firedSources = new LongOpenHashSet(2);
    final IntOpenHashSet ports = new IntOpenHashSet(4);
    final IntOpenHashSet openPorts = new IntOpenHashSet(2);
    /** Attempts of failing sources not kept (the table was full, their port had failed already): counted only. */
    long sourcesNotKept;
    /** Attempts of sources with alerts of their own not remembered ({@link #firedSources} was full): counted only. */
    long ownAlertSourcesNotRemembered;
    long alertId = -1;
    long detectedAfter;

    public TargetActivity(IpAddress target, Protocol protocol) {
        this.target = target;
        this.protocol = protocol;
    }

    /**
     * Rough heap bytes of this target's state, from the sizes of its tables: a weight for caches
     * of deserialised state (Flink's), not an exact account. Open addressing at fastutil's load
     * factor gives about 8 bytes per int and 16 per long; a source kept costs its entry, its
     * address and its table of ports.
     */
    public long estimatedBytes() {
        long portEntries = ports.size() + openPorts.size() + failedPorts.size();
        for (IntOpenHashSet p : failedPortsBySource.values()) {
            portEntries += p.size();
        }
        return 400 + 8 * portEntries + 16L * firedSources.size()
               + 160L * failedPortsBySource.size() + 96L * ownAlertSources.size();
    }

    /**
     * Adds an attempt against this target and says whether it opens the distributed alert.
     *
     * @param sourceHasOwnAlert whether the attempt's source has an alert of its own now; its
     *                          probes then belong to that alert, not to this one
     * @param hasOwnAlertNow    asks the same of any earlier source, where the host of the core can
     *                          (embedded); a keyed stream that only learns it from later attempts
     *                          passes {@code s -> false}
     * @return OPEN when the alert opens, else null
     */
    public AlertState offer(Attempt a, boolean sourceHasOwnAlert, Predicate<IpAddress> hasOwnAlertNow,
                            LongSupplier nextAlertId) {
        if (sourceHasOwnAlert) {
            notesOwnAlert(a.src());
            return null;
        }
        add(a);
        // All kept sources, not only those still in the recount: a recount is also where sources
        // are found to have alerts of their own, and that must happen while it is true.
        if (!fired() && sourcesKept() >= DistributedScanDetector.MIN_SOURCES
            && failedPorts.size() >= DistributedScanDetector.MIN_PORTS && isSharedOut(hasOwnAlertNow)) {
            alertId = nextAlertId.getAsLong();
            detectedAfter = attempts;
            return AlertState.OPEN;
        }
        return null;
    }

    private void add(Attempt a) {
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
        IntOpenHashSet own = failedPortsBySource.get(a.src());
        if (own != null) {
            own.add(a.port());
        } else if (!ownAlertSources.contains(a.src())) { // one set aside counts no more ports: nothing reads them
            if (sourcesKept() >= MAX_SOURCES_PER_TARGET && failedPorts.contains(a.port())) {
                sourcesNotKept++;
                return;
            }
            own = new IntOpenHashSet(2);
            own.add(a.port());
            failedPortsBySource.put(a.src(), own);
        }
        failedPorts.add(a.port());
    }

    /** Sources whose failed ports are remembered, with alerts of their own or not. */
    int sourcesKept() {
        return failedPortsBySource.size() + ownAlertSources.size();
    }

    /**
     * Recounts without the sources that have since fired on their own: their probes from before
     * they fired belong to their own alerts. Such a source moves aside for good (which source has
     * an alert of its own is remembered once learnt), so each recount walks only the others.
     */
    private boolean isSharedOut(Predicate<IpAddress> hasOwnAlertNow) {
        IntOpenHashSet shared = new IntOpenHashSet();
        int sources = 0;
        int most = 0;
        for (Iterator<Map.Entry<IpAddress, IntOpenHashSet>> it = failedPortsBySource.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<IpAddress, IntOpenHashSet> e = it.next();
            if (learnsOwnAlert(e.getKey(), hasOwnAlertNow)) {
                ownAlertSources.add(e.getKey());
                it.remove();
                continue;
            }
            sources++;
            shared.addAll(e.getValue());
            most = Math.max(most, e.getValue().size());
        }
        return sources >= DistributedScanDetector.MIN_SOURCES && shared.size() >= DistributedScanDetector.MIN_PORTS
               && most <= DistributedScanDetector.MAX_SHARE_OF_ONE_SOURCE * shared.size();
    }

    /** {@code src} has an alert of its own: out of the recount if it failed here, else remembered. */
    private void notesOwnAlert(IpAddress src) {
        long fingerprint = src.fingerprint();
        if (failedPortsBySource.remove(src) != null) {
            ownAlertSources.add(src);
            firedSources.remove(fingerprint); // the set of sources set aside remembers it now
        } else if (!ownAlertSources.contains(src)) {
            if (firedSources.size() < MAX_OWN_ALERT_SOURCES_REMEMBERED) {
                firedSources.add(fingerprint);
            } else if (!firedSources.contains(fingerprint)) {
                ownAlertSourcesNotRemembered++;
            }
        }
    }

    /**
     * Whether a source still in the recount has an alert of its own, now or once seen to; if so it
     * is set aside, so what is learnt stays learnt (the per-source detector forgets an idle
     * scanner, and then says it has none).
     */
    private boolean hasOwnAlert(IpAddress src, Predicate<IpAddress> hasOwnAlertNow) {
        if (learnsOwnAlert(src, hasOwnAlertNow)) {
            failedPortsBySource.remove(src);
            ownAlertSources.add(src);
            return true;
        }
        return false;
    }

    /**
     * Whether a source still in the recount has an alert of its own: remembered from before it
     * failed here (its place freed, as the own-alert table will remember it), or said so now.
     */
    private boolean learnsOwnAlert(IpAddress src, Predicate<IpAddress> hasOwnAlertNow) {
        return firedSources.remove(src.fingerprint()) || hasOwnAlertNow.test(src);
    }

    public boolean fired() {
        return alertId >= 0;
    }

    public IpAddress target() {
        return target;
    }

    public Protocol protocol() {
        return protocol;
    }

    /** The alert as it stands; sources with alerts of their own are left out of {@code srcs}. */
    public Alert alert(AlertState state, Predicate<IpAddress> hasOwnAlertNow, int maxListedPorts, CidrSet homeNets) {
        // Those set aside have alerts of their own: only the others are candidates, unless none is
        // left, and then every source has been set aside (none passed the filter, so all went through it).
        List<IpAddress> srcs = new TreeSet<>(failedPortsBySource.keySet()).stream()
                .filter(src -> !hasOwnAlert(src, hasOwnAlertNow)).limit(MAX_LISTED_SOURCES).toList();
        if (srcs.isEmpty()) {
            srcs = new TreeSet<>(ownAlertSources).stream().limit(MAX_LISTED_SOURCES).toList();
        }
        List<Integer> listed = PortLists.firstSorted(ports, maxListedPorts);
        List<Integer> open = PortLists.firstSorted(openPorts, maxListedPorts);
        List<Technique> used = new ArrayList<>();
        for (Technique x : Technique.values()) {
            if ((techniques & (1 << x.ordinal())) != 0) {
                used.add(x);
            }
        }
        boolean srcHome = srcs.stream().allMatch(homeNets::contains);
        Direction direction = Direction.of(srcHome, homeNets.contains(target));
        String summary = SummaryLine.of(ScanKind.DISTRIBUTED, protocol, attempts, listed, ports.size(), target, target,
                firstNanos, lastNanos);
        Severity severity = srcs.size() >= 4 * DistributedScanDetector.MIN_SOURCES ? Severity.HIGH : Severity.MEDIUM;
        return new Alert(alertId, state, ScanKind.DISTRIBUTED, protocol, srcs.get(0), srcs, target, listed,
                ports.size(), open, 1, target, target, firstNanos, lastNanos, attempts,
                outcomes[Outcome.OPEN.ordinal()], outcomes[Outcome.CLOSED.ordinal()],
                outcomes[Outcome.FILTERED.ordinal()], outcomes[Outcome.UNKNOWN.ordinal()], used, direction, severity,
                detectedAfter, summary, null);
    }
}
