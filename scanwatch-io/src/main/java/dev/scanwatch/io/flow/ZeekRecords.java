package dev.scanwatch.io.flow;

import dev.scanwatch.core.model.Protocol;

/** Turns parsed Zeek conn records into attempts, for both the TSV and the JSON form. */
final class ZeekRecords {

    private ZeekRecords() {
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
        if (text == null || text.isEmpty() || text.length() > 5) {
            return -1;
        }
        int v = 0;
        for (int i = 0; i < text.length(); i++) {
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
        if (text == null || text.isEmpty()) {
            return ZeekConn.UNSET;
        }
        try {
            long v = Long.parseLong(text);
            return v < 0 ? Long.MIN_VALUE : v;
        } catch (NumberFormatException e) {
            return Long.MIN_VALUE;
        }
    }
}
