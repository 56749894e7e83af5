package dev.scanwatch.cli;

import dev.scanwatch.core.alert.Alert;
import dev.scanwatch.core.alert.AlertListener;
import dev.scanwatch.core.alert.AlertState;

import java.io.PrintWriter;
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
    /** What each exit held back: how many alerts, and the first of them named. */
    private static final class HeldBack {
        long count;
        final List<String> first = new ArrayList<>();
    }

    private final Map<String, HeldBack> heldBack = new TreeMap<>();

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
                HeldBack h = heldBack.computeIfAbsent(a.suppressedBy(), k -> new HeldBack());
                if (h.count++ < MAX_LISTED_SUPPRESSED) {
                    h.first.add(a.sources().get(0) + "/" + a.protocol().label());
                }
            }
            return;
        }
        downstream.onAlert(a);
    }

    /** The first alerts held back, by the exit that held them: {"p2p": ["10.0.2.15/udp"]}. */
    public Map<String, List<String>> suppressed() {
        Map<String, List<String>> first = new TreeMap<>();
        heldBack.forEach((exit, h) -> first.put(exit, h.first));
        return first;
    }

    /** How many alerts each exit held back. */
    public Map<String, Long> suppressedCounts() {
        Map<String, Long> counts = new TreeMap<>();
        heldBack.forEach((exit, h) -> counts.put(exit, h.count));
        return counts;
    }

    /** One line for stderr, or null when nothing was held back. */
    public String describeSuppressed() {
        if (heldBack.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        long total = 0;
        for (Map.Entry<String, HeldBack> e : heldBack.entrySet()) {
            HeldBack h = e.getValue();
            total += h.count;
            sb.append(sb.length() == 0 ? "" : "; ").append(e.getKey()).append(": ").append(String.join(", ", h.first));
            if (h.count > h.first.size()) {
                sb.append(" and ").append(h.count - h.first.size()).append(" more");
            }
        }
        return total + (total == 1 ? " alert" : " alerts") + " held back by false-positive exits (" + sb
               + "); --show-suppressed prints them";
    }

    /** Writes {@link #describeSuppressed()} to stderr, if anything was held back. */
    public void printSuppressed(PrintWriter err) {
        String held = describeSuppressed();
        if (held != null) {
            err.println("scanwatch: " + held);
        }
    }
}
