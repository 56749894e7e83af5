package dev.scanwatch.io.flow;

import dev.scanwatch.core.model.Protocol;
import dev.scanwatch.core.net.IpAddress;

/**
 * Builds a Zeek conn record from its fields and turns conn records into attempts, for both the
 * TSV and the JSON form.
 */
final class ZeekRecords {

    private ZeekRecords() {
    }

    /**
     * One conn.log record's fields, as its form (TSV or JSON) spells them and writes its times.
     * The typed readers parse the column's {@link #field} text; a form may read them where they
     * are instead (TSV: no string cut per field), with the same results.
     */
    interface Fields {
        /** The column's text: null when absent or unset, "" when empty. */
        String field(ZeekColumn c);

        /**
         * {@link #field} of a column whose values recur from line to line (proto, conn_state,
         * history): a form may return the same string for equal values instead of a new one.
         */
        default String token(ZeekColumn c) {
            return field(c);
        }

        /** A ts, in epoch nanoseconds, or {@link Timestamps#INVALID}. */
        long time(String ts);

        /** A duration, in nanoseconds, or {@link Timestamps#INVALID}. */
        long duration(String text);

        default long time(ZeekColumn c) {
            return time(field(c));
        }

        /** The column's duration; {@link ZeekConn#UNSET} when absent or unset. */
        default long duration(ZeekColumn c) {
            String text = field(c);
            return text == null ? ZeekConn.UNSET : duration(text);
        }

        default IpAddress address(ZeekColumn c) {
            return IpAddress.tryParse(field(c));
        }

        /** See {@link ZeekRecords#port(String)}. */
        default int port(ZeekColumn c) {
            return ZeekRecords.port(field(c));
        }

        /** See {@link ZeekRecords#count(String)}. */
        default long count(ZeekColumn c) {
            return ZeekRecords.count(field(c));
        }
    }

    /**
     * The record as a connection, or null when a field is malformed, or when {@code protoRequired}
     * and it names no protocol (JSON leaves an unset field out, and such a record counts as
     * malformed; TSV's unset proto reaches {@link #emit}, which skips it as unsupported).
     */
    static ZeekConn conn(Fields r, boolean protoRequired) {
        long ts = r.time(ZeekColumn.TS);
        IpAddress orig = r.address(ZeekColumn.ORIG_H);
        IpAddress resp = r.address(ZeekColumn.RESP_H);
        int origPort = r.port(ZeekColumn.ORIG_P);
        int respPort = r.port(ZeekColumn.RESP_P);
        long durationNanos = r.duration(ZeekColumn.DURATION);
        long origPkts = r.count(ZeekColumn.ORIG_PKTS);
        long respPkts = r.count(ZeekColumn.RESP_PKTS);
        long origBytes = r.count(ZeekColumn.ORIG_BYTES);
        long respBytes = r.count(ZeekColumn.RESP_BYTES);
        String proto = r.token(ZeekColumn.PROTO);
        if (ts == Timestamps.INVALID || orig == null || resp == null || origPort < 0 || respPort < 0
            || durationNanos == Timestamps.INVALID || origPkts == Long.MIN_VALUE || respPkts == Long.MIN_VALUE
            || origBytes == Long.MIN_VALUE || respBytes == Long.MIN_VALUE || protoRequired && proto == null) {
            return null;
        }
        return new ZeekConn(ts, durationNanos, orig, origPort, resp, respPort, proto, r.token(ZeekColumn.CONN_STATE),
                r.token(ZeekColumn.HISTORY), origPkts, respPkts, origBytes, respBytes);
    }

    static void emit(ZeekConn c, ReadContext ctx) {
        String proto = c.proto() == null ? "" : c.proto();
        Verdict verdict;
        ProbeSlot slot;
        switch (proto) {
            case "tcp" -> {
                verdict = ZeekInference.tcp(c);
                slot = ctx.probe(c.tsNanos(), c.orig(), c.resp(), Protocol.TCP, c.respPort(), c.origPort(), verdict);
            }
            case "udp" -> {
                verdict = ZeekInference.udp(c);
                slot = ctx.probe(c.tsNanos(), c.orig(), c.resp(), Protocol.UDP, c.respPort(), c.origPort(), verdict);
            }
            case "icmp" -> {
                verdict = ZeekInference.icmp(c);
                slot = ctx.probe(c.tsNanos(), c.orig(), c.resp(), Protocol.ICMP, 0, 0, verdict);
            }
            default -> {
                ctx.stats.skip(SkipReason.UNSUPPORTED_PROTOCOL);
                verdict = null;
                slot = null;
            }
        }
        // A single probe and its answer: the record's duration is how long the answer took.
        if (slot != null && verdict.outcome() != null && c.origPkts() == 1 && c.durationNanos() >= 0) {
            ctx.queue.noteAnswerDelay(c.durationNanos());
        }
        ctx.queue.observe(c.durationNanos() >= 0 ? c.tsNanos() + c.durationNanos() : c.tsNanos());
    }

    /** A port number 0-65535, or -1. */
    static int port(String text) {
        return text == null ? -1 : port(text, 0, text.length());
    }

    /** {@link #port(String)} of {@code text[from, to)}. */
    static int port(String text, int from, int to) {
        if (from >= to || to - from > 5) {
            return -1;
        }
        int v = 0;
        for (int i = from; i < to; i++) {
            char ch = text.charAt(i);
            if (ch < '0' || ch > '9') {
                return -1;
            }
            v = v * 10 + (ch - '0');
        }
        return v <= 0xFFFF ? v : -1;
    }

    /** A non-negative count, -1 for unset, or {@link Long#MIN_VALUE} when it is not a number. */
    static long count(String text) {
        return text == null ? ZeekConn.UNSET : count(text, 0, text.length());
    }

    /** {@link #count(String)} of {@code text[from, to)}. */
    static long count(String text, int from, int to) {
        if (from >= to) {
            return ZeekConn.UNSET;
        }
        try {
            long v = Long.parseLong(text, from, to, 10);
            return v < 0 ? Long.MIN_VALUE : v;
        } catch (NumberFormatException e) {
            return Long.MIN_VALUE;
        }
    }
}
