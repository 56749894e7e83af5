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
 * A table for people: one row per alert in its final state, its summary line beneath. Rows are
 * held until the run ends, so that the columns fit every row, or until {@link #HELD_ROWS} have
 * closed: then those are written with the widths they need, and later rows as they close, in the
 * same columns (a longer cell pushes the rest of its row right). A run with more alerts than
 * anyone reads in a table then costs no memory per alert, and a live capture shows them.
 */
public final class TableSink implements AlertSink {

    /** Rows held for the column widths before the table is written as it goes. */
    private static final int HELD_ROWS = 1000;

    private static final String[] HEADER = {"KIND", "PROTO", "SOURCE", "TARGETS", "PORTS", "ATTEMPTS", "OPEN",
        "CLOSED", "FILTERED", "UNKNOWN", "TECHNIQUES", "DIRECTION", "SEVERITY"};
    private static final int MAX_PORT_RANGES = 4;
    /** Sources of a distributed scan shown in the table; the JSON lists them all. */
    private static final int MAX_LISTED_SOURCES = 3;

    /** One alert: its cells, and the summary line written beneath them. */
    private record Row(String[] cells, String summary) {
    }

    private final PrintStream out;
    private final int heldRows;
    /** Rows not written yet. */
    private final List<Row> held = new ArrayList<>();
    /** Set once the held rows are written; later rows go out as they come. */
    private int[] widths;
    private long count;

    public TableSink(PrintStream out) {
        this(out, HELD_ROWS);
    }

    TableSink(PrintStream out, int heldRows) {
        this.out = out;
        this.heldRows = heldRows;
    }

    @Override
    public void onAlert(Alert alert) {
        if (alert.state() != AlertState.CLOSED) {
            return;
        }
        count++;
        Row row = row(alert);
        if (widths != null) {
            write(row);
            out.flush();
            return;
        }
        held.add(row);
        if (held.size() >= heldRows) {
            writeHeld();
            out.flush();
        }
    }

    @Override
    public void close() {
        if (count == 0) {
            out.println("no scans found");
            out.flush();
            return;
        }
        if (widths == null) {
            writeHeld();
        }
        out.println(count + (count == 1 ? " alert" : " alerts"));
        out.flush();
    }

    private void writeHeld() {
        widths = new int[HEADER.length];
        for (int i = 0; i < HEADER.length; i++) {
            widths[i] = HEADER[i].length();
        }
        for (Row r : held) {
            for (int i = 0; i < HEADER.length; i++) {
                widths[i] = Math.max(widths[i], r.cells()[i].length());
            }
        }
        writeCells(HEADER);
        held.forEach(this::write);
        held.clear();
    }

    private void write(Row row) {
        writeCells(row.cells());
        out.println("  " + row.summary());
    }

    /**
     * Pads by hand, not with {@code String.format("%-Ns")}: its format parsing runs a regex, and
     * tens of thousands of cells made C2 compile the regex engine, 0.6 s of a fresh one-CPU run
     * of the bench capture (docs/PERFORMANCE.md, "Fewer methods for C2").
     */
    private void writeCells(String[] cells) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < HEADER.length; i++) {
            if (i > 0) {
                line.append("  ");
            }
            line.append(cells[i]);
            for (int pad = cells[i].length(); pad < widths[i]; pad++) {
                line.append(' ');
            }
        }
        out.println(line.toString().stripTrailing());
    }

    private static Row row(Alert a) {
        String source = a.srcs().isEmpty() ? a.src().toString()
                : a.srcs().stream().limit(MAX_LISTED_SOURCES).map(Object::toString).collect(Collectors.joining(","))
                  + (a.srcs().size() > MAX_LISTED_SOURCES ? " +" + (a.srcs().size() - MAX_LISTED_SOURCES) + " more" : "");
        String ports = a.ports().isEmpty() ? "-" : PortRanges.format(a.ports(), MAX_PORT_RANGES);
        if (a.portCount() > a.ports().size() || ports.endsWith("...")) {
            ports += " (" + a.portCount() + ")";
        }
        String techniques = a.techniques().stream().map(Technique::label).collect(Collectors.joining(","));
        return new Row(new String[] {a.kind().label(), a.protocol().label(), source, Long.toString(a.targets()),
            ports, Long.toString(a.attempts()), Long.toString(a.open()), Long.toString(a.closed()),
            Long.toString(a.filtered()), Long.toString(a.unknown()), techniques, a.direction().label(),
            a.severity().label()}, a.summary());
    }
}
