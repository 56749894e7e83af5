package dev.scanwatch.cli;

import dev.scanwatch.core.alert.Alert;
import dev.scanwatch.core.alert.PortRanges;
import dev.scanwatch.core.model.Technique;
import dev.scanwatch.io.sink.AlertSink;

import java.io.PrintStream;
import java.util.stream.Collectors;

/**
 * The table format for a live run: one line per alert event, written (and flushed) as it happens,
 * with fixed column widths since later rows cannot be waited for. The summary line follows a close.
 */
final class EventLineSink implements AlertSink {

    static final String HEADER_FORMAT = "%-7s %-4s %-10s %-5s %-15s %7s %10s %8s %5s %6s %8s %7s %s";
    private static final int MAX_PORT_RANGES = 3;

    private final PrintStream out;
    private boolean headerWritten;

    EventLineSink(PrintStream out) {
        this.out = out;
    }

    @Override
    public void onAlert(Alert a) {
        if (!headerWritten) {
            out.println(String.format(HEADER_FORMAT, "STATE", "ID", "KIND", "PROTO", "SOURCE", "TARGETS", "PORTS",
                    "ATTEMPTS", "OPEN", "CLOSED", "FILTERED", "UNKNOWN", "TECHNIQUES").stripTrailing());
            headerWritten = true;
        }
        String source = a.srcs().isEmpty() ? a.src().toString()
                : a.srcs().stream().map(Object::toString).collect(Collectors.joining(","));
        String ports = a.ports().isEmpty() ? "-" : PortRanges.format(a.ports(), MAX_PORT_RANGES);
        String techniques = a.techniques().stream().map(Technique::label).collect(Collectors.joining(","));
        out.println(String.format(HEADER_FORMAT, a.state().label(), a.id(), a.kind().label(), a.protocol().label(),
                source, a.targets(), ports, a.attempts(), a.open(), a.closed(), a.filtered(), a.unknown(), techniques));
        if (a.state() == dev.scanwatch.core.alert.AlertState.CLOSED) {
            out.println("  " + a.summary());
        }
        out.flush();
    }

    @Override
    public void close() {
        out.flush();
    }
}
