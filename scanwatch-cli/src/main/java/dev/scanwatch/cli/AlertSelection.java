package dev.scanwatch.cli;

import dev.scanwatch.core.alert.Alert;
import dev.scanwatch.core.alert.AlertListener;
import dev.scanwatch.core.alert.AlertState;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which alert events reach the user: by default each alert once, in its final state; with
 * {@code events}, every open, update and close. Alerts held back by a false-positive exit are
 * counted (and the first few listed at the end) unless {@code showSuppressed}; nothing
 * disappears silently.
 */
public final class AlertSelection implements AlertListener {

    /**
     * Held-back alerts named per exit in the end-of-run line; the rest are counted. A collector
     * that runs for weeks beside busy P2P hosts would otherwise keep, and print, every one.
     */
    static final int MAX_LISTED_SUPPRESSED = 20;

    private final AlertListener downstream;
    private final boolean events;
    private final boolean showSuppressed;
    private final Map<String, List<String>> suppressed = new TreeMap<>();
    private final Map<String, Long> suppressedCounts = new TreeMap<>();

    public AlertSelection(AlertListener downstream, boolean events, boolean showSuppressed) {
        this.downstream = downstream;
        this.events = events;
        this.showSuppressed = showSuppressed;
    }

    @Override
    public boolean wantsProgress() {
        return events;
    }

    @Override
    public void onAlert(Alert a) {
        if (!events && a.state() != AlertState.CLOSED) {
            return;
        }
        if (a.isSuppressed() && !showSuppressed) {
            if (a.state() == AlertState.CLOSED) {
                suppressedCounts.merge(a.suppressedBy(), 1L, Long::sum);
                List<String> listed = suppressed.computeIfAbsent(a.suppressedBy(), k -> new ArrayList<>());
                if (listed.size() < MAX_LISTED_SUPPRESSED) {
                    listed.add(a.sources().get(0) + "/" + a.protocol().label());
                }
            }
            return;
        }
        downstream.onAlert(a);
    }

    /** The first alerts held back, by the exit that held them: {"p2p": ["10.0.2.15/udp"]}. */
    public Map<String, List<String>> suppressed() {
        return suppressed;
    }

    /** How many alerts each exit held back. */
    public Map<String, Long> suppressedCounts() {
        return suppressedCounts;
    }

    /** One line for stderr, or null when nothing was held back. */
    public String describeSuppressed() {
        if (suppressed.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        long total = 0;
        for (Map.Entry<String, List<String>> e : suppressed.entrySet()) {
            long count = suppressedCounts.get(e.getKey());
            total += count;
            sb.append(sb.length() == 0 ? "" : "; ").append(e.getKey()).append(": ").append(String.join(", ", e.getValue()));
            if (count > e.getValue().size()) {
                sb.append(" and ").append(count - e.getValue().size()).append(" more");
            }
        }
        return total + (total == 1 ? " alert" : " alerts") + " held back by false-positive exits (" + sb
               + "); --show-suppressed prints them";
    }
}
