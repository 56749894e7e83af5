package dev.scanwatch.core.distributed;

import dev.scanwatch.core.alert.Alert;
import dev.scanwatch.core.alert.AlertListener;
import dev.scanwatch.core.alert.AlertState;
import dev.scanwatch.core.alert.SummaryLine;
import dev.scanwatch.core.model.ScanKind;
import dev.scanwatch.core.model.Severity;
import dev.scanwatch.core.model.Technique;
import dev.scanwatch.core.net.IpAddress;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Joins port scans that are one scan sent from several sources: nmap's decoys ({@code -D}) send
 * every probe from the scanner and from each spoofed decoy, so each source alone looks like a
 * port scan of the same host, over the same ports, at the same time. The operator should get one
 * {@code distributed} alert naming the whole set, not several unrelated scans.
 *
 * <p>Closed port scans are held for {@code hold} of event time (sources of one scan go idle
 * together), then released merged with their partners or alone. Open and update events pass
 * straight through, so a live console sees the members fire and one distributed alert close.
 */
public final class DistributedScanCorrelator implements AlertListener {

    /** Whether a closed alert is a candidate for joining: a port scan of one host, not held back. */
    public static boolean isCandidate(Alert a) {
        return a.state() == AlertState.CLOSED && a.kind() == ScanKind.PORTSCAN && a.target() != null
               && !a.isSuppressed();
    }

    /** How long a closed port scan waits for partners. */
    public static final Duration DEFAULT_HOLD = Duration.ofMinutes(1);
    /** Port scans are partners when their port sets overlap at least this much (Jaccard). */
    public static final double DEFAULT_MIN_PORT_OVERLAP = 0.5;
    /** ...and their activity overlaps in time, give or take this. */
    public static final Duration DEFAULT_TIME_SLACK = Duration.ofSeconds(1);

    /** A closed port scan waiting for partners; {@code released} once it has left with a group. */
    private static final class Held {
        final Alert alert;
        final long releaseAt;
        boolean released;

        Held(Alert alert, long releaseAt) {
            this.alert = alert;
            this.releaseAt = releaseAt;
        }
    }

    private final AlertListener downstream;
    private final long holdNanos;
    private final double minPortOverlap;
    private final long slackNanos;
    private final int maxListedPorts;
    /** Every held scan in arrival order: the head is released first, with its group. */
    private final ArrayDeque<Held> arrivals = new ArrayDeque<>();
    /**
     * The held scans again, by target, in arrival order: partners share their target, so a group
     * is looked for among its target's scans only, not among every held scan of every target.
     */
    private final Map<IpAddress, List<Held>> byTarget = new HashMap<>();
    private long now = Long.MIN_VALUE;
    /**
     * When the first held scan is due, or never while none is held. Event time advances at every
     * packet; this spares each advance a look into the queue and its first scan.
     */
    private long firstDue = Long.MAX_VALUE;

    public DistributedScanCorrelator(AlertListener downstream, int maxListedPorts) {
        this(downstream, DEFAULT_HOLD, DEFAULT_MIN_PORT_OVERLAP, DEFAULT_TIME_SLACK, maxListedPorts);
    }

    public DistributedScanCorrelator(AlertListener downstream, Duration hold, double minPortOverlap, Duration slack,
                                     int maxListedPorts) {
        this.downstream = downstream;
        this.holdNanos = hold.toNanos();
        this.minPortOverlap = minPortOverlap;
        this.slackNanos = slack.toNanos();
        this.maxListedPorts = maxListedPorts;
    }

    @Override
    public boolean wantsProgress() {
        return downstream.wantsProgress();
    }

    @Override
    public void onAlert(Alert a) {
        if (isCandidate(a)) {
            Held h = new Held(a, Math.max(now, a.lastNanos()) + holdNanos);
            if (arrivals.isEmpty()) {
                firstDue = h.releaseAt;
            }
            arrivals.add(h);
            byTarget.computeIfAbsent(a.target(), t -> new ArrayList<>()).add(h);
        } else {
            downstream.onAlert(a);
        }
    }

    public void advanceTo(long timeNanos) {
        now = Math.max(now, timeNanos);
        if (now >= firstDue) {
            release(false);
        }
    }

    public void finish() {
        release(true);
    }

    /** Releases the longest held scan with its group while it is due (or, at the end, regardless). */
    private void release(boolean all) {
        while (!arrivals.isEmpty()) {
            Held first = arrivals.peekFirst();
            if (first.released) {
                arrivals.pollFirst();
                continue;
            }
            if (!all && first.releaseAt > now) {
                firstDue = first.releaseAt;
                return;
            }
            // Every earlier scan of this target has left, so the first is the head of its list.
            List<Held> waiting = byTarget.get(first.alert.target());
            List<Held> group = takeGroup(waiting, h -> h.alert);
            if (waiting.isEmpty()) {
                byTarget.remove(first.alert.target());
            }
            List<Alert> alerts = new ArrayList<>(group.size());
            for (Held h : group) {
                h.released = true;
                alerts.add(h.alert);
            }
            downstream.onAlert(combine(alerts));
        }
        firstDue = Long.MAX_VALUE;
    }

    /**
     * Removes the first of {@code waiting} and, transitively, its partners among the rest, and
     * returns them (the first first): the connected group of partner scans. The list must be
     * non-empty, mutable and indexed cheaply (an ArrayList); the scans left keep their order.
     * Public so that a keyed stream holding closed scans per target forms the same groups.
     */
    public <T> List<T> takeGroup(List<T> waiting, Function<? super T, Alert> alertOf) {
        List<T> group = new ArrayList<>();
        group.add(waiting.get(0));
        boolean[] taken = new boolean[waiting.size()];
        taken[0] = true;
        // Breadth first: each member is compared once with each scan not yet in the group.
        for (int member = 0; member < group.size(); member++) {
            Alert a = alertOf.apply(group.get(member));
            for (int i = 1; i < waiting.size(); i++) {
                if (!taken[i] && partners(a, alertOf.apply(waiting.get(i)))) {
                    taken[i] = true;
                    group.add(waiting.get(i));
                }
            }
        }
        int kept = 0;
        for (int i = 0; i < waiting.size(); i++) {
            if (!taken[i]) {
                waiting.set(kept++, waiting.get(i));
            }
        }
        waiting.subList(kept, waiting.size()).clear();
        return group;
    }

    /**
     * Whether two closed port scans are one scan sent from several sources: same target and
     * protocol, different sources, overlapping in time, over mostly the same ports.
     */
    private boolean partners(Alert a, Alert b) {
        if (!a.target().equals(b.target()) || a.protocol() != b.protocol() || a.src().equals(b.src())) {
            return false;
        }
        if (a.firstNanos() > b.lastNanos() + slackNanos || b.firstNanos() > a.lastNanos() + slackNanos) {
            return false;
        }
        int union = a.ports().size() + b.ports().size();
        int common = commonPorts(a.ports(), b.ports());
        union -= common;
        return union > 0 && (double) common / union >= minPortOverlap;
    }

    /**
     * How many ports two alerts' port lists share. The lists are sorted and distinct (the alert
     * contract), so one merge walk counts them: no sets of boxed ports per comparison, which cost
     * seconds when hundreds of scans of one host were held together.
     */
    static int commonPorts(List<Integer> a, List<Integer> b) {
        int common = 0;
        int i = 0;
        int j = 0;
        while (i < a.size() && j < b.size()) {
            int x = a.get(i);
            int y = b.get(j);
            if (x == y) {
                common++;
                i++;
                j++;
            } else if (x < y) {
                i++;
            } else {
                j++;
            }
        }
        return common;
    }

    /** What a group of partner scans is released as: a scan alone as it was, several merged (public for keyed streams). */
    public Alert combine(List<Alert> group) {
        return group.size() == 1 ? group.get(0) : merge(group);
    }

    /** One {@code distributed} alert for a group of partner scans. */
    private Alert merge(List<Alert> group) {
        group = new ArrayList<>(group);
        group.sort(Comparator.comparingLong(Alert::id));
        // The member with the most attempts leads: the real scanner also does its host discovery.
        Alert lead = group.stream().max(Comparator.comparingLong(Alert::attempts)
                .thenComparing(Comparator.comparingLong(Alert::id).reversed())).orElseThrow();
        TreeSet<IpAddress> srcs = new TreeSet<>();
        TreeSet<Integer> ports = new TreeSet<>();
        TreeSet<Integer> openPorts = new TreeSet<>();
        EnumSet<Technique> techniques = EnumSet.noneOf(Technique.class);
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        long attempts = 0;
        long open = 0;
        long closed = 0;
        long filtered = 0;
        long unknown = 0;
        long detectedAfter = Long.MAX_VALUE;
        int portCount = 0;
        Severity severity = Severity.LOW;
        IpAddress min = lead.targetMin();
        IpAddress max = lead.targetMax();
        for (Alert a : group) {
            srcs.add(a.src());
            ports.addAll(a.ports());
            openPorts.addAll(a.openPorts());
            techniques.addAll(a.techniques());
            first = Math.min(first, a.firstNanos());
            last = Math.max(last, a.lastNanos());
            attempts += a.attempts();
            open += a.open();
            closed += a.closed();
            filtered += a.filtered();
            unknown += a.unknown();
            detectedAfter = Math.min(detectedAfter, a.detectedAfter());
            portCount = Math.max(portCount, a.portCount());
            severity = a.severity().compareTo(severity) > 0 ? a.severity() : severity;
            min = a.targetMin().compareTo(min) < 0 ? a.targetMin() : min;
            max = a.targetMax().compareTo(max) > 0 ? a.targetMax() : max;
        }
        List<Integer> listed = ports.stream().limit(maxListedPorts).toList();
        portCount = Math.max(portCount, ports.size());
        List<IpAddress> srcList = List.copyOf(srcs);
        String summary = SummaryLine.of(ScanKind.DISTRIBUTED, lead.protocol(), attempts, listed, portCount, min, max,
                first, last);
        return new Alert(group.get(0).id(), AlertState.CLOSED, ScanKind.DISTRIBUTED, lead.protocol(), lead.src(),
                srcList, lead.target(), listed, portCount, openPorts.stream().limit(maxListedPorts).toList(),
                lead.targets(), min, max, first, last, attempts, open, closed, filtered, unknown,
                List.copyOf(techniques), lead.direction(), severity, detectedAfter, summary,
                group.stream().allMatch(Alert::isSuppressed) ? lead.suppressedBy() : null);
    }
}
