package dev.scanwatch.io.flow;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.scanwatch.io.capture.CaptureProblem;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Zeek conn.log as JSON lines: one object a line, Zeek's field names, unset fields left out.
 * ts is a number of epoch seconds or an ISO 8601 string (LogAscii::json_timestamps).
 * The first record plays the header's part: if it lacks a required field, the file is refused;
 * later records that lack one are counted malformed.
 */
final class ZeekJsonParser implements FlowParser, ZeekRecords.Fields {

    private static final Set<String> WANTED =
            Arrays.stream(ZeekColumn.values()).map(c -> c.field).collect(Collectors.toUnmodifiableSet());

    private final JsonFactory factory = new JsonFactory();
    private boolean first = true;
    /** The current record's fields. */
    private Map<String, String> current;

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
                for (String name : ZeekColumn.REQUIRED) {
                    if (!fields.containsKey(name)) {
                        return ctx.problem(in, "missing field " + name + " in the first record");
                    }
                }
            }
            current = fields;
            ZeekConn c = fields == null ? null : ZeekRecords.conn(this, true);
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

    @Override
    public String field(ZeekColumn c) {
        return current.get(c.field);
    }

    @Override
    public long time(String ts) {
        return Timestamps.any(ts);
    }

    /** JSON durations may come as 0.20696377754211426 or in exponent form (1.2e-05). */
    @Override
    public long duration(String text) {
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
