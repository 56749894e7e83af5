package dev.scanwatch.core.distributed;

import dev.scanwatch.core.alert.Alert;
import dev.scanwatch.core.alert.AlertIds;
import dev.scanwatch.core.alert.AlertListener;
import dev.scanwatch.core.alert.AlertState;
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

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * Distributed scans: many sources, one target, none of them a scanner on its own (a botnet
 * sharing out the ports of one host). State is keyed by destination, which is what lets it be
 * partitioned apart from the per-source detectors. Sources that fired an alert of their own
 * feed it no more, so one scan is not reported twice; decoys are joined by
 * {@link DistributedScanCorrelator} instead.
 */
public final class DistributedScanDetector {

    /** Distinct sources that must have failed on the target. */
    public static final int DEFAULT_MIN_SOURCES = 5;
    /** Distinct ports of the target that must have failed, over all of them. */
    public static final int DEFAULT_MIN_PORTS = 20;
    /** No single source may account for more than this share of the failed ports. */
    public static final double DEFAULT_MAX_SHARE_OF_ONE_SOURCE = 0.5;
    /** Sources listed in the alert. */
    private static final int MAX_LISTED_SOURCES = 256;

    private record Key(IpAddress target, Protocol protocol) {
    }

    private final AlertListener listener;
    private final BiPredicate<IpAddress, Protocol> firedOnItsOwn;
    private final int maxListedPorts;
    private final CidrSet homeNets;
    private final HashMap<Key, TargetActivity> targets = new HashMap<>();
    private final IdleQueue<TargetActivity> idle;
    private final AlertIds ids;
    private long now = Long.MIN_VALUE;

    /**
     * @param firedOnItsOwn whether a (source, protocol) has an alert of its own
     * @param ids           alert numbers shared with the per-source detector
     */
    public DistributedScanDetector(AlertListener listener, BiPredicate<IpAddress, Protocol> firedOnItsOwn,
                                   Duration idle, int maxListedPorts, CidrSet homeNets, AlertIds ids) {
        this.listener = listener;
        this.firedOnItsOwn = firedOnItsOwn;
        this.idle = new IdleQueue<>(idle.toNanos());
        this.maxListedPorts = maxListedPorts;
        this.homeNets = homeNets;
        this.ids = ids;
    }

    public void onAttempt(Attempt a) {
        Key key = new Key(a.dst(), a.protocol());
        TargetActivity t = targets.get(key);
        if (firedOnItsOwn.test(a.src(), a.protocol())) {
            if (t != null) {
                t.firedSources.add(a.src());
            }
            return;
        }
        if (t == null) {
            t = new TargetActivity(a.dst(), a.protocol());
            targets.put(key, t);
            idle.add(t, Math.max(now, a.timeNanos()));
        }
        IdleQueue.touch(t, Math.max(now, a.timeNanos()));
        t.add(a);
        if (!t.fired() && t.failedPortsBySource.size() >= DEFAULT_MIN_SOURCES
            && t.failedPorts.size() >= DEFAULT_MIN_PORTS && isSharedOut(t)) {
            t.alertId = ids.next();
            t.detectedAfter = t.attempts;
            listener.onAlert(alert(t, AlertState.OPEN));
        }
    }

    /**
     * Recounts without the sources that have since fired on their own: their probes from before
     * they fired belong to their own alerts. Cheap, because such a source left only the few
     * ports it probed before it fired.
     */
    private boolean isSharedOut(TargetActivity t) {
        IntOpenHashSet ports = new IntOpenHashSet();
        int sources = 0;
        int most = 0;
        for (Map.Entry<IpAddress, IntOpenHashSet> e : t.failedPortsBySource.entrySet()) {
            if (hasOwnAlert(t, e.getKey())) {
                continue;
            }
            sources++;
            ports.addAll(e.getValue());
            most = Math.max(most, e.getValue().size());
        }
        return sources >= DEFAULT_MIN_SOURCES && ports.size() >= DEFAULT_MIN_PORTS
               && most <= DEFAULT_MAX_SHARE_OF_ONE_SOURCE * ports.size();
    }

    public void advanceTo(long timeNanos) {
        if (timeNanos <= now) {
            return;
        }
        now = timeNanos;
        idle.expire(now, this::close);
    }

    public void finish() {
        List<TargetActivity> open = new ArrayList<>(targets.values());
        open.sort(Comparator.comparingLong(t -> t.alertId));
        open.forEach(this::close);
        idle.clear();
    }

    private void close(TargetActivity t) {
        targets.remove(new Key(t.target, t.protocol));
        if (t.fired()) {
            listener.onAlert(alert(t, AlertState.CLOSED));
        }
    }

    /** Whether a source has, or had while it probed this target, an alert of its own. */
    private boolean hasOwnAlert(TargetActivity t, IpAddress src) {
        if (t.firedSources.contains(src)) {
            return true;
        }
        if (firedOnItsOwn.test(src, t.protocol)) {
            t.firedSources.add(src);
            return true;
        }
        return false;
    }

    private Alert alert(TargetActivity t, AlertState state) {
        // Sources with alerts of their own are reported there, not here.
        List<IpAddress> srcs = t.sources().stream().filter(src -> !hasOwnAlert(t, src))
                .limit(MAX_LISTED_SOURCES).toList();
        if (srcs.isEmpty()) {
            srcs = t.sources().stream().limit(MAX_LISTED_SOURCES).toList();
        }
        List<Integer> ports = t.ports.intStream().limit(maxListedPorts).boxed().toList();
        List<Integer> openPorts = t.openPorts.intStream().limit(maxListedPorts).boxed().toList();
        List<Technique> techniques = new ArrayList<>();
        for (Technique x : Technique.values()) {
            if (t.has(x)) {
                techniques.add(x);
            }
        }
        boolean srcHome = srcs.stream().allMatch(homeNets::contains);
        Direction direction = Direction.of(srcHome, homeNets.contains(t.target));
        String summary = SummaryLine.of(ScanKind.DISTRIBUTED, t.protocol, t.attempts, ports, t.ports.size(),
                t.target, t.target, t.firstNanos, t.lastNanos);
        return new Alert(t.alertId, state, ScanKind.DISTRIBUTED, t.protocol, srcs.get(0), srcs, t.target, ports,
                t.ports.size(), openPorts, 1, t.target, t.target, t.firstNanos, t.lastNanos, t.attempts,
                t.outcomes[Outcome.OPEN.ordinal()], t.outcomes[Outcome.CLOSED.ordinal()],
                t.outcomes[Outcome.FILTERED.ordinal()], t.outcomes[Outcome.UNKNOWN.ordinal()], techniques, direction,
                srcs.size() >= 4 * DEFAULT_MIN_SOURCES ? Severity.HIGH : Severity.MEDIUM, t.detectedAfter, summary,
                null);
    }
}
