package dev.scanwatch.core.alert;

import dev.scanwatch.core.model.Protocol;
import dev.scanwatch.core.model.ScanKind;
import dev.scanwatch.core.net.IpAddress;

import java.time.LocalDate;
import java.util.List;

/**
 * The one-line summary in the style of the upstream abuse reports operators receive, so that our
 * line can be put next to theirs:
 * {@code [TCP-SWEEP] (total=24,dp=445,min=32.42.39.128,max=32.42.39.174,Jun01-03:20:30,Jun01-03:20:30)}.
 * {@code total} counts attempts (for a one-port sweep, the hosts swept), times are UTC.
 */
public final class SummaryLine {

    private static final String[] MONTHS =
            {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final int SECONDS_PER_DAY = 86_400;
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

    /**
     * {@code MMMdd-HH:mm:ss} in UTC, written out rather than through a DateTimeFormatter: every
     * alert event writes two, and the formatter's code was the largest single compilation of a
     * fresh run (a quarter of a second of C2 time, inlined into this method).
     */
    static String time(long epochNanos) {
        long seconds = Math.floorDiv(epochNanos, NANOS_PER_SECOND);
        LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(seconds, SECONDS_PER_DAY));
        int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
        char[] out = new char[14];
        MONTHS[day.getMonthValue() - 1].getChars(0, 3, out, 0);
        twoDigits(out, 3, day.getDayOfMonth());
        out[5] = '-';
        twoDigits(out, 6, secondOfDay / 3600);
        out[8] = ':';
        twoDigits(out, 9, secondOfDay / 60 % 60);
        out[11] = ':';
        twoDigits(out, 12, secondOfDay % 60);
        return new String(out);
    }

    private static void twoDigits(char[] out, int at, int value) {
        out[at] = (char) ('0' + value / 10);
        out[at + 1] = (char) ('0' + value % 10);
    }
}
