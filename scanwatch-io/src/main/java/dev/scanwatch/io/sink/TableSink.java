package dev.scanwatch.io.sink;

import dev.scanwatch.core.alert.Alert;
import dev.scanwatch.core.alert.AlertState;
import dev.scanwatch.core.alert.PortRanges;
import dev.scanwatch.core.model.Technique;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A table for people: one row per alert in its final state, its summary line beneath, written
 * when the run ends (column widths need every row).
 */
public final class TableSink implements AlertSink {

    private static final String[] HEADER = {"KIND", "PROTO", "SOURCE", "TARGETS", "PORTS", "ATTEMPTS", "OPEN",
        "CLOSED", "FILTERED", "UNKNOWN", "TECHNIQUES", "DIRECTION", "SEVERITY"};
    private static final int MAX_PORT_RANGES = 4;
    /** Sources of a distributed scan shown in the table; the JSON lists them all. */
    private static final int MAX_LISTED_SOURCES = 3;

    private final PrintStream out;
    private final List<Alert> alerts = new ArrayList<>();

    public TableSink(PrintStream out) {
        this.out = out;
    }

    @Override
    public void onAlert(Alert alert) {
        if (alert.state() == AlertState.CLOSED) {
            alerts.add(alert);
        }
    }

    @Override
    public void close() {
        if (alerts.isEmpty()) {
            out.println("no scans found");
            out.flush();
            return;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (Alert a : alerts) {
            rows.add(row(a));
        }
        int[] widths = new int[HEADER.length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                widths[i] = Math.max(widths[i], r[i].length());
            }
        }
        for (int r = 0; r < rows.size(); r++) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < HEADER.length; i++) {
                if (i > 0) {
                    line.append("  ");
                }
                line.append(String.format("%-" + widths[i] + "s", rows.get(r)[i]));
            }
            out.println(line.toString().stripTrailing());
            if (r > 0) {
                out.println("  " + alerts.get(r - 1).summary());
            }
        }
        out.println(alerts.size() + (alerts.size() == 1 ? " alert" : " alerts"));
        out.flush();
    }

    private static String[] row(Alert a) {
        String source = a.srcs().isEmpty() ? a.src().toString()
                : a.srcs().stream().limit(MAX_LISTED_SOURCES).map(Object::toString).collect(Collectors.joining(","))
                  + (a.srcs().size() > MAX_LISTED_SOURCES ? " +" + (a.srcs().size() - MAX_LISTED_SOURCES) + " more" : "");
        String ports = a.ports().isEmpty() ? "-" : PortRanges.format(a.ports(), MAX_PORT_RANGES);
        if (a.portCount() > a.ports().size() || ports.endsWith("...")) {
            ports += " (" + a.portCount() + ")";
        }
        String techniques = a.techniques().stream().map(Technique::label).collect(Collectors.joining(","));
        return new String[] {a.kind().label(), a.protocol().label(), source, Long.toString(a.targets()), ports,
            Long.toString(a.attempts()), Long.toString(a.open()), Long.toString(a.closed()),
            Long.toString(a.filtered()), Long.toString(a.unknown()), techniques, a.direction().label(),
            a.severity().label()};
    }
}
