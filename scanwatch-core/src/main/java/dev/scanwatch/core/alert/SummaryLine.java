package dev.scanwatch.core.alert;

import dev.scanwatch.core.model.Protocol;
import dev.scanwatch.core.model.ScanKind;
import dev.scanwatch.core.net.IpAddress;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The one-line summary in the style of the upstream abuse reports operators receive, so that our
 * line can be put next to theirs:
 * {@code [TCP-SWEEP] (total=24,dp=445,min=32.42.39.128,max=32.42.39.174,Jun01-03:20:30,Jun01-03:20:30)}.
 * {@code total} counts attempts (for a one-port sweep, the hosts swept), times are UTC.
 */
public final class SummaryLine {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("MMMdd-HH:mm:ss", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    /** Port ranges shown in the line before it says how many more there are. */
    private static final int MAX_RANGES = 8;

    private SummaryLine() {
    }

    public static String of(ScanKind kind, Protocol protocol, long total, List<Integer> ports, int portCount,
                            IpAddress min, IpAddress max, long firstNanos, long lastNanos) {
        StringBuilder sb = new StringBuilder(96);
        sb.append('[').append(protocol.summaryPrefix()).append('-').append(kind.summaryWord()).append("] (total=")
          .append(total);
        if (protocol.hasPorts() && !ports.isEmpty()) {
            String listed = PortRanges.format(ports, MAX_RANGES);
            sb.append(protocol == Protocol.IP ? ",proto=" : ",dp=").append(listed);
            if (listed.endsWith("...") || portCount > ports.size()) {
                sb.append('(').append(portCount).append(protocol == Protocol.IP ? " protocols)" : " ports)");
            }
        }
        sb.append(",min=").append(min).append(",max=").append(max)
          .append(',').append(time(firstNanos)).append(',').append(time(lastNanos)).append(')');
        return sb.toString();
    }

    static String time(long epochNanos) {
        return TIME.format(Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L)));
    }
}
