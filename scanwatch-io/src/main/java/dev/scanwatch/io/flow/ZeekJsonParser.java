package dev.scanwatch.io.flow;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.scanwatch.core.net.IpAddress;
import dev.scanwatch.io.capture.CaptureProblem;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Zeek conn.log as JSON lines: one object a line, Zeek's field names, unset fields left out.
 * ts is a number of epoch seconds or an ISO 8601 string (LogAscii::json_timestamps).
 * The first record plays the header's part: if it lacks a required field, the file is refused;
 * later records that lack one are counted malformed.
 */
final class ZeekJsonParser implements FlowParser {

    private static final Set<String> WANTED = Set.of("ts", "id.orig_h", "id.orig_p", "id.resp_h", "id.resp_p", "proto",
            "duration", "conn_state", "history", "orig_pkts", "resp_pkts", "orig_bytes", "resp_bytes");

    private final JsonFactory factory = new JsonFactory();
    private boolean first = true;

    @Override
    public CaptureProblem run(LineInput in, ReadContext ctx) throws IOException {
        String line;
        while ((line = in.next()) != null) {
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            ctx.record();
            Map<String, String> fields = in.truncated() ? null : fields(line);
            if (first && fields != null) {
                first = false;
                for (String name : ZeekTsvParser.REQUIRED) {
                    if (!fields.containsKey(name)) {
                        return ctx.problem(in, "missing field " + name + " in the first record");
                    }
                }
            }
            ZeekConn c = fields == null ? null : conn(fields);
            if (c == null) {
                ctx.malformed(in);
                continue;
            }
            ZeekRecords.emit(c, ctx);
        }
        return null;
    }

    /** The wanted fields of one JSON object as text (numbers as written), or null when the line is not one object. */
    private Map<String, String> fields(String line) {
        Map<String, String> out = new HashMap<>();
        try (JsonParser p = factory.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    p.skipChildren();
                } else if (WANTED.contains(name) && value != JsonToken.VALUE_NULL) {
                    out.put(name, p.getText());
                }
            }
            if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
                return null;
            }
            return out;
        } catch (IOException e) {
            return null; // JsonParseException and friends: a malformed line, never a stack trace
        }
    }

    private static ZeekConn conn(Map<String, String> f) {
        long ts = Timestamps.any(f.get("ts"));
        IpAddress orig = IpAddress.tryParse(f.get("id.orig_h"));
        IpAddress resp = IpAddress.tryParse(f.get("id.resp_h"));
        int origPort = ZeekRecords.port(f.get("id.orig_p"));
        int respPort = ZeekRecords.port(f.get("id.resp_p"));
        String duration = f.get("duration");
        long durationNanos = duration == null ? ZeekConn.UNSET : durationNanos(duration);
        long origPkts = ZeekRecords.count(f.get("orig_pkts"));
        long respPkts = ZeekRecords.count(f.get("resp_pkts"));
        long origBytes = ZeekRecords.count(f.get("orig_bytes"));
        long respBytes = ZeekRecords.count(f.get("resp_bytes"));
        if (ts == Timestamps.INVALID || orig == null || resp == null || origPort < 0 || respPort < 0
            || durationNanos == Timestamps.INVALID || origPkts == Long.MIN_VALUE || respPkts == Long.MIN_VALUE
            || origBytes == Long.MIN_VALUE || respBytes == Long.MIN_VALUE || f.get("proto") == null) {
            return null;
        }
        return new ZeekConn(ts, durationNanos, orig, origPort, resp, respPort, f.get("proto"), f.get("conn_state"),
                f.get("history"), origPkts, respPkts, origBytes, respBytes);
    }

    /** JSON durations may come as 0.20696377754211426 or in exponent form (1.2e-05). */
    private static long durationNanos(String text) {
        long exact = Timestamps.durationSeconds(text);
        if (exact != Timestamps.INVALID) {
            return exact;
        }
        try {
            double seconds = Double.parseDouble(text);
            final double nanosPerSecond = 1e9;
            return seconds >= 0 && Double.isFinite(seconds) ? Math.round(seconds * nanosPerSecond) : Timestamps.INVALID;
        } catch (NumberFormatException e) {
            return Timestamps.INVALID;
        }
    }
}
