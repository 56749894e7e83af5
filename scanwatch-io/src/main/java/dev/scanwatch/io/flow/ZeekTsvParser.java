package dev.scanwatch.io.flow;

import dev.scanwatch.core.net.IpAddress;
import dev.scanwatch.io.capture.CaptureProblem;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Zeek's tab-separated conn.log: '#' directives (#separator, #unset_field, #empty_field, #fields,
 * #path...) then one record a line, columns found by name. Several logs may be concatenated;
 * each #fields line starts a new column layout.
 */
final class ZeekTsvParser implements FlowParser {

    static final List<String> REQUIRED = List.of("ts", "id.orig_h", "id.orig_p", "id.resp_h", "id.resp_p", "proto");
    private static final String DEFAULT_SEPARATOR = "\t";
    private static final String DEFAULT_UNSET = "-";
    private static final String DEFAULT_EMPTY = "(empty)";
    private static final String CONN_PATH = "conn";

    private String separator = DEFAULT_SEPARATOR;
    private String unset = DEFAULT_UNSET;
    private String empty = DEFAULT_EMPTY;
    private Map<String, Integer> columns;
    private int width;

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
            if (columns == null) {
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

    private CaptureProblem directive(String line, LineInput in, ReadContext ctx) {
        if (line.startsWith("#separator")) {
            // "#separator \x09": the only directive separated by a space, since it defines the separator
            String value = line.substring("#separator".length()).trim();
            String sep = unescape(value);
            if (sep.isEmpty()) {
                return ctx.problem(in, "empty #separator");
            }
            separator = sep;
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
                for (String name : REQUIRED) {
                    if (!found.containsKey(name)) {
                        return ctx.problem(in, "missing column " + name + " in #fields");
                    }
                }
                columns = found;
                width = parts.length - 1;
            }
            default -> {
                // #set_separator, #types, #open, #close: nothing to use
            }
        }
        return null;
    }

    private ZeekConn parse(String line) {
        String[] f = split(line);
        if (f == null) {
            return null;
        }
        long ts = Timestamps.epochSeconds(get(f, "ts"));
        IpAddress orig = IpAddress.tryParse(get(f, "id.orig_h"));
        IpAddress resp = IpAddress.tryParse(get(f, "id.resp_h"));
        int origPort = ZeekRecords.port(get(f, "id.orig_p"));
        int respPort = ZeekRecords.port(get(f, "id.resp_p"));
        String duration = get(f, "duration");
        long durationNanos = duration == null ? ZeekConn.UNSET : Timestamps.durationSeconds(duration);
        long origPkts = ZeekRecords.count(get(f, "orig_pkts"));
        long respPkts = ZeekRecords.count(get(f, "resp_pkts"));
        long origBytes = ZeekRecords.count(get(f, "orig_bytes"));
        long respBytes = ZeekRecords.count(get(f, "resp_bytes"));
        if (ts == Timestamps.INVALID || orig == null || resp == null || origPort < 0 || respPort < 0
            || durationNanos == Timestamps.INVALID || origPkts == Long.MIN_VALUE || respPkts == Long.MIN_VALUE
            || origBytes == Long.MIN_VALUE || respBytes == Long.MIN_VALUE) {
            return null;
        }
        return new ZeekConn(ts, durationNanos, orig, origPort, resp, respPort, get(f, "proto"),
                get(f, "conn_state"), get(f, "history"), origPkts, respPkts, origBytes, respBytes);
    }

    private String[] split(String line) {
        String[] f = new String[width];
        int start = 0;
        for (int i = 0; i < width; i++) {
            int end = line.indexOf(separator, start);
            if (end < 0) {
                if (i != width - 1) {
                    return null;
                }
                end = line.length();
            } else if (i == width - 1) {
                return null; // more fields than #fields names
            }
            f[i] = line.substring(start, end);
            start = end + separator.length();
        }
        return f;
    }

    /** The field by name; null when the column is absent or the value unset; "" when empty. */
    private String get(String[] f, String name) {
        Integer i = columns.get(name);
        if (i == null) {
            return null;
        }
        String v = f[i];
        if (v.equals(unset)) {
            return null;
        }
        return v.equals(empty) ? "" : v;
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
