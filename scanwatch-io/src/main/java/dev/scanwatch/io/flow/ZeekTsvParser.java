package dev.scanwatch.io.flow;

import dev.scanwatch.core.net.IpAddress;
import dev.scanwatch.io.capture.CaptureProblem;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Zeek's tab-separated conn.log: '#' directives (#separator, #unset_field, #empty_field, #fields,
 * #path...) then one record a line, columns found by name. Several logs may be concatenated;
 * each #fields line starts a new column layout.
 */
final class ZeekTsvParser implements FlowParser, ZeekRecords.Fields {

    private static final String DEFAULT_SEPARATOR = "\t";
    private static final String DEFAULT_UNSET = "-";
    private static final String DEFAULT_EMPTY = "(empty)";
    private static final String CONN_PATH = "conn";

    private String separator = DEFAULT_SEPARATOR;
    /** The separator when it is one character (Zeek's tab), else -1. */
    private int separatorChar = DEFAULT_SEPARATOR.charAt(0);
    private String unset = DEFAULT_UNSET;
    private String empty = DEFAULT_EMPTY;
    private static final ZeekColumn[] COLUMNS = ZeekColumn.values();

    /** Where each {@link ZeekColumn} is in the latest #fields, by ordinal; -1 where absent; null before any #fields. */
    private int[] at;
    private int width;
    /**
     * Where each field of the current line starts and ends: the line is cut into offsets, numbers,
     * times and IPv4 addresses are read where they are, and only proto, conn_state, history and
     * IPv6 addresses become strings.
     */
    private int[] starts;
    private int[] ends;
    /** The line {@link #starts} and {@link #ends} cut. */
    private String line;
    private final TokenCache tokens = new TokenCache();

    @Override
    public CaptureProblem run(LineInput in, ReadContext ctx) throws IOException {
        String line;
        while ((line = in.next()) != null) {
            String stripped = line.stripLeading();
            if (stripped.startsWith("#")) {
                CaptureProblem problem = directive(stripped, in, ctx);
                if (problem != null) {
                    return problem;
                }
                continue;
            }
            if (line.isBlank()) {
                continue;
            }
            if (at == null) {
                return ctx.problem(in, "record before any #fields header");
            }
            ctx.record();
            ZeekConn c = in.truncated() ? null : parse(line);
            if (c == null) {
                ctx.malformed(in);
                continue;
            }
            ZeekRecords.emit(c, ctx);
        }
        return null;
    }

    CaptureProblem directive(String line, LineInput in, ReadContext ctx) { // package-private: ZeekTsvParserTest
        if (line.startsWith("#separator")) {
            // "#separator \x09": the only directive separated by a space, since it defines the separator
            String value = line.substring("#separator".length()).trim();
            String sep = unescape(value);
            if (sep.isEmpty()) {
                return ctx.problem(in, "empty #separator");
            }
            separator = sep;
            separatorChar = sep.length() == 1 ? sep.charAt(0) : -1;
            return null;
        }
        String[] parts = line.split(java.util.regex.Pattern.quote(separator), -1);
        switch (parts[0]) {
            case "#unset_field" -> unset = parts.length > 1 ? parts[1] : DEFAULT_UNSET;
            case "#empty_field" -> empty = parts.length > 1 ? parts[1] : DEFAULT_EMPTY;
            case "#path" -> {
                if (parts.length > 1 && !parts[1].equals(CONN_PATH)) {
                    return ctx.problem(in, "not a conn log (#path " + parts[1] + ")");
                }
            }
            case "#fields" -> {
                Map<String, Integer> found = new HashMap<>();
                for (int i = 1; i < parts.length; i++) {
                    found.putIfAbsent(parts[i], i - 1);
                }
                for (String name : ZeekColumn.REQUIRED) {
                    if (!found.containsKey(name)) {
                        return ctx.problem(in, "missing column " + name + " in #fields");
                    }
                }
                width = parts.length - 1;
                starts = new int[width];
                ends = new int[width];
                at = new int[COLUMNS.length];
                for (ZeekColumn c : COLUMNS) {
                    at[c.ordinal()] = found.getOrDefault(c.field, -1);
                }
            }
            default -> {
                // #set_separator, #types, #open, #close: nothing to use
            }
        }
        return null;
    }

    ZeekConn parse(String line) { // package-private: ZeekTsvParserTest
        if (!split(line)) {
            return null;
        }
        return ZeekRecords.conn(this, false);
    }

    @Override
    public long time(String ts) {
        return Timestamps.epochSeconds(ts);
    }

    @Override
    public long duration(String text) {
        return Timestamps.durationSeconds(text);
    }

    /** Cuts the line into {@link #starts} and {@link #ends}; false unless it has exactly the #fields count. */
    boolean split(String line) { // package-private: ZeekTsvParserTest
        this.line = line;
        // Zeek's separator is one character (a tab): String.indexOf(String) was a tenth of reading
        // a Zeek log, and looking for the char is the simpler search (measured: docs/PERFORMANCE.md).
        int start = 0;
        for (int i = 0; i < width; i++) {
            int end = separatorChar >= 0 ? line.indexOf(separatorChar, start) : line.indexOf(separator, start);
            if (end < 0) {
                if (i != width - 1) {
                    return false;
                }
                end = line.length();
            } else if (i == width - 1) {
                return false; // more fields than #fields names
            }
            starts[i] = start;
            ends[i] = end;
            start = end + separator.length();
        }
        return true;
    }

    // The typed readers parse a field where it is in the line: cutting a string per field was
    // most of the parser's allocation and a quarter of its time. Each gives what the default,
    // through field(), gives (ZeekTsvParserTest compares them on odd fields).

    @Override
    public long time(ZeekColumn c) {
        int b = begin(c);
        return b < 0 ? time(text(b)) : Timestamps.epochSeconds(line, b, end(c));
    }

    @Override
    public long duration(ZeekColumn c) {
        int b = begin(c);
        if (b == ABSENT) {
            return ZeekConn.UNSET;
        }
        return b < 0 ? duration(text(b)) : Timestamps.durationSeconds(line, b, end(c));
    }

    @Override
    public IpAddress address(ZeekColumn c) {
        int b = begin(c);
        return b < 0 ? IpAddress.tryParse(text(b)) : IpAddress.tryParse(line, b, end(c));
    }

    @Override
    public int port(ZeekColumn c) {
        int b = begin(c);
        return b < 0 ? ZeekRecords.port(text(b)) : ZeekRecords.port(line, b, end(c));
    }

    @Override
    public long count(ZeekColumn c) {
        int b = begin(c);
        return b < 0 ? ZeekRecords.count(text(b)) : ZeekRecords.count(line, b, end(c));
    }

    /** {@link #begin}: the column is absent or its value unset (its text is null). */
    private static final int ABSENT = -1;
    /** {@link #begin}: the value is the empty marker (its text is ""). */
    private static final int EMPTY = -2;

    /**
     * Where the column's value starts in the line; {@link #ABSENT} when the column is absent or
     * the value is the unset marker, {@link #EMPTY} when it is the empty marker.
     */
    private int begin(ZeekColumn c) {
        int column = at[c.ordinal()];
        if (column < 0) {
            return ABSENT;
        }
        int start = starts[column];
        int length = ends[column] - start;
        if (length == unset.length() && line.startsWith(unset, start)) {
            return ABSENT;
        }
        if (length == empty.length() && line.startsWith(empty, start)) {
            return EMPTY;
        }
        return start;
    }

    private int end(ZeekColumn c) {
        return ends[at[c.ordinal()]];
    }

    private static String text(int begin) {
        return begin == ABSENT ? null : "";
    }

    /** The field of a column in the current line; null when the column is absent or the value unset; "" when empty. */
    @Override
    public String field(ZeekColumn c) {
        int b = begin(c);
        return b < 0 ? text(b) : line.substring(b, end(c));
    }

    @Override
    public String token(ZeekColumn c) {
        int b = begin(c);
        return b < 0 ? text(b) : tokens.of(line, b, end(c));
    }

    /** Zeek writes the separator escaped ("\x09"). */
    static String unescape(String value) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 3 < value.length() && value.charAt(i + 1) == 'x') {
                int hi = Character.digit(value.charAt(i + 2), 16);
                int lo = Character.digit(value.charAt(i + 3), 16);
                if (hi >= 0 && lo >= 0) {
                    sb.append((char) (hi * 16 + lo));
                    i += 3;
                    continue;
                }
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
