package dev.scanwatch.io.flow;

import dev.scanwatch.core.model.Outcome;
import dev.scanwatch.core.model.Protocol;
import dev.scanwatch.core.net.IpAddress;
import dev.scanwatch.io.capture.CaptureProblem;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CICFlowMeter CSV (CIC-IDS2017 "GeneratedLabelledFlows", CICFlowMeter-V3/V4 and CSE-CIC-IDS2018,
 * the Python cicflowmeter): a header line, then one bidirectional flow a line with per-direction
 * packet counts and TCP flag counts of both directions together ({@link CicInference}).
 *
 * <p>CICFlowMeter cuts flows: a FIN ends a flow in the builds behind CIC-IDS2017, so the RST that
 * answers a FIN probe, or the last ACK of a connection, arrives as a flow of its own (the "TCP
 * appendix"). A SYN-less flow that goes the other way of a probe still waiting for its answer
 * answers it; one that continues a conversation seen shortly before is no new contact. Both are
 * counted as paired answers.
 */
final class CicFlowMeterCsvParser extends CsvFlowParser {

    static final List<List<String>> REQUIRED = List.of(CicColumns.SRC_IP, CicColumns.DST_IP, CicColumns.DST_PORT,
            CicColumns.PROTOCOL, CicColumns.TIMESTAMP, CicColumns.FWD_PACKETS, CicColumns.BWD_PACKETS,
            CicColumns.SYN, CicColumns.RST);
    private static final char DELIMITER = ',';
    private static final int IP_PROTO_ICMP = 1;
    private static final int IP_PROTO_TCP = 6;
    private static final int IP_PROTO_UDP = 17;
    private static final int IP_PROTO_ICMP6 = 58;
    private static final long NANOS_PER_MICRO = 1_000L;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final int HOURS_PER_HALF_DAY = 12;
    /**
     * How long after a flow's end a SYN-less flow on the same ports is taken as its continuation:
     * CICFlowMeter's default activity timeout (5 s) and flow timeout (120 s) both cut flows, so a
     * conversation resumes in a new flow at most this long after the previous one ended.
     */
    static final long CONTINUATION_NANOS = 120L * NANOS_PER_SECOND;
    /** Conversations remembered for {@link #CONTINUATION_NANOS}; the oldest are forgotten beyond. */
    static final int MAX_REMEMBERED = 100_000;

    /**
     * Day first, as CICFlowMeter writes it ("dd/MM/yyyy hh:mm:ss", later builds with " a"; the
     * published CIC-IDS2017 CSVs were re-saved as "d/M/yyyy H:mm").
     */
    private static final Pattern DAY_FIRST = Pattern.compile(
            "(\\d{1,2})/(\\d{1,2})/(\\d{4})\\s+(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?(?:\\s*([AaPp][Mm]))?");

    private CicColumns header;
    private int src;
    private int sport;
    private int dst;
    private int dport;
    private int proto;
    private int ts;
    private int dur;
    private int fwd;
    private int bwd;
    private int fin;
    private int syn;
    private int rst;
    private int psh;
    private int ack;
    private int urg;
    private int fwdPsh;
    private int fwdUrg;
    private int fwdRst;
    private int bwdRst;
    private int icmpType;
    /** Set once a record shows that this file counts the flags of every packet, not the first one only. */
    private boolean allPackets;

    private record Conversation(IpAddress src, int srcPort, IpAddress dst, int dstPort) implements Comparable<Conversation> {
        // Comparable, so that keys chosen to share a hash cost the map a tree search, not a walk of them all.
        private static final Comparator<Conversation> ORDER = Comparator.comparing(Conversation::src)
                .thenComparingInt(Conversation::srcPort).thenComparing(Conversation::dst)
                .thenComparingInt(Conversation::dstPort);

        @Override
        public int compareTo(Conversation o) {
            return ORDER.compare(this, o);
        }

        Conversation reverse() {
            return new Conversation(dst, dstPort, src, srcPort);
        }
    }

    /** TCP probes waiting for an answer that may come as a flow of its own. */
    private final Map<Conversation, ProbeSlot> waiting = new HashMap<>();
    /** End time of recent TCP conversations, oldest first. */
    private final LinkedHashMap<Conversation, Long> recent = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Conversation, Long> eldest) {
            return size() > MAX_REMEMBERED;
        }
    };

    @Override
    protected char delimiter() {
        return DELIMITER;
    }

    /** CIC-IDS2017 has rows of bare commas; CSE-CIC-IDS2018 repeats its header (skipped by the loop). */
    @Override
    protected boolean isFiller(String line) {
        return isEmptyRow(line);
    }

    @Override
    protected CaptureProblem header(String line, LineInput in, ReadContext ctx) {
        CicColumns h = new CicColumns(CsvHeader.split(line, DELIMITER));
        for (List<String> names : REQUIRED) {
            if (!h.has(names)) {
                String hint = names == CicColumns.SRC_IP || names == CicColumns.DST_IP
                        ? " (the MachineLearningCVE files carry no addresses: use the GeneratedLabelledFlows ones)" : "";
                return ctx.problem(in, "missing column " + names.get(0) + " in the CICFlowMeter header" + hint);
            }
        }
        header = h;
        src = h.index(CicColumns.SRC_IP);
        sport = h.index(CicColumns.SRC_PORT);
        dst = h.index(CicColumns.DST_IP);
        dport = h.index(CicColumns.DST_PORT);
        proto = h.index(CicColumns.PROTOCOL);
        ts = h.index(CicColumns.TIMESTAMP);
        dur = h.index(CicColumns.DURATION);
        fwd = h.index(CicColumns.FWD_PACKETS);
        bwd = h.index(CicColumns.BWD_PACKETS);
        fin = h.index(CicColumns.FIN);
        syn = h.index(CicColumns.SYN);
        rst = h.index(CicColumns.RST);
        psh = h.index(CicColumns.PSH);
        ack = h.index(CicColumns.ACK);
        urg = h.index(CicColumns.URG);
        fwdPsh = h.index(CicColumns.FWD_PSH);
        fwdUrg = h.index(CicColumns.FWD_URG);
        fwdRst = h.index(CicColumns.FWD_RST);
        bwdRst = h.index(CicColumns.BWD_RST);
        icmpType = h.index(CicColumns.ICMP_TYPE);
        return null;
    }

    private static boolean isEmptyRow(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c != DELIMITER && !Character.isWhitespace(c)) {
                return false;
            }
        }
        return true;
    }

    /** Handles one record; false when it is malformed. */
    @Override
    protected boolean row(CsvRow f, ReadContext ctx) {
        if (f.size() < header.width()) {
            return false;
        }
        long start = timestamp(f.field(ts));
        int protocolNumber = protocolNumber(f.field(proto));
        if (start == Timestamps.INVALID || protocolNumber < 0) {
            return false;
        }
        long end = start + durationNanos(f.field(dur));
        Protocol protocol = switch (protocolNumber) {
            case IP_PROTO_TCP -> Protocol.TCP;
            case IP_PROTO_UDP -> Protocol.UDP;
            case IP_PROTO_ICMP, IP_PROTO_ICMP6 -> Protocol.ICMP;
            default -> null;
        };
        if (protocol == null) {
            ctx.stats.skip(SkipReason.UNSUPPORTED_PROTOCOL); // CIC-IDS2017 writes 0 for everything not TCP or UDP
            ctx.queue.observe(start);
            return true;
        }
        IpAddress s = IpAddress.tryParse(f.field(src));
        IpAddress d = IpAddress.tryParse(f.field(dst));
        int sp = sport < 0 ? 0 : ZeekRecords.port(wholeNumber(f.field(sport)));
        int dp = ZeekRecords.port(wholeNumber(f.field(dport)));
        CicInference.Counts c = counts(f);
        if (s == null || d == null || sp < 0 || dp < 0 || c == null || c.fwd() < 0 || c.bwd() < 0) {
            return false;
        }
        ProbeSlot slot = switch (protocol) {
            case TCP -> tcp(ctx, start, end, s, sp, d, dp, c);
            case UDP -> ctx.probe(start, s, d, Protocol.UDP, dp, sp, CicInference.udp(c, sp, dp));
            default -> ctx.probe(start, s, d, Protocol.ICMP, 0, 0,
                    CicInference.icmp(c, icmpType < 0 ? -1 : (int) count(f, icmpType), !s.isV4()));
        };
        if (slot != null && slot.decided() && c.fwd() == 1 && c.answered()) {
            ctx.queue.noteAnswerDelay(end - start); // one probe and its answer: the flow lasted the answer's delay
        }
        ctx.queue.observe(end);
        return true;
    }

    private ProbeSlot tcp(ReadContext ctx, long start, long end, IpAddress s, int sp, IpAddress d, int dp,
                          CicInference.Counts c) {
        Conversation conv = new Conversation(s, sp, d, dp);
        Long seenEnd = c.syn() > 0 ? null : lastSeen(conv, start);
        remember(conv, end);
        if (c.syn() == 0) {
            ProbeSlot probe = waiting.get(conv.reverse());
            if (probe != null && !probe.decided()) {
                // The answer to a probe whose flow was cut (a FIN ends a flow): RST refuses, anything else is alive.
                probe.answer(c.rst() > 0 ? Outcome.CLOSED : Outcome.OPEN);
                ctx.queue.noteAnswerDelay(start - probe.startNanos);
                ctx.stats.skip(SkipReason.PAIRED_ANSWER);
                return null;
            }
            if (seenEnd != null) {
                ctx.stats.skip(SkipReason.PAIRED_ANSWER); // the rest of a conversation already counted
                return null;
            }
        }
        if (!allPackets && CicInference.showsAllPackets(c, sp, dp)) {
            allPackets = true;
        }
        ProbeSlot slot = ctx.probe(start, s, d, Protocol.TCP, dp, sp, CicInference.tcp(c, allPackets, sp, dp));
        if (slot != null && !slot.decided()) {
            waiting.put(conv, slot);
            slot.onRetire = () -> waiting.remove(conv, slot);
        }
        return slot;
    }

    /** The end of the last flow of this conversation (either way) if it ended recently enough, else null. */
    private Long lastSeen(Conversation conv, long start) {
        for (Conversation k : new Conversation[] {conv, conv.reverse()}) {
            Long last = recent.get(k);
            if (last != null && start - last <= CONTINUATION_NANOS) {
                return last;
            }
        }
        return null;
    }

    private void remember(Conversation conv, long end) {
        Long previous = recent.get(conv);
        recent.put(conv, previous == null ? end : Math.max(previous, end));
    }

    private CicInference.Counts counts(CsvRow f) {
        long[] v = {count(f, fwd), count(f, bwd), count(f, fin), count(f, syn), count(f, rst), count(f, psh),
                    count(f, ack), count(f, urg), count(f, fwdPsh), count(f, fwdUrg), count(f, fwdRst), count(f, bwdRst)};
        for (long x : v) {
            if (x == Long.MIN_VALUE) {
                return null;
            }
        }
        // Absent flag columns count as never seen; absent per-direction columns stay -1 (unknown).
        return new CicInference.Counts(v[0], v[1], Math.max(v[2], 0), Math.max(v[3], 0), Math.max(v[4], 0),
                Math.max(v[5], 0), Math.max(v[6], 0), Math.max(v[7], 0), v[8], v[9], v[10], v[11]);
    }

    /** A counter: -1 when the column is absent or empty, MIN_VALUE when it is not a count ("2.0" is 2). */
    private static long count(CsvRow f, int index) {
        String text = f.field(index);
        if (text == null || text.isEmpty()) {
            return -1;
        }
        return ZeekRecords.count(wholeNumber(text));
    }

    /** "80.0" (pandas re-saves integers as floats) to "80"; anything else unchanged. */
    private static String wholeNumber(String text) {
        if (text != null && text.endsWith(".0")) {
            return text.substring(0, text.length() - 2);
        }
        return text;
    }

    /** "6", "6.0", "tcp": the IP protocol number, or -1. */
    private static int protocolNumber(String text) {
        if (text == null || text.isEmpty()) {
            return -1;
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "tcp" -> IP_PROTO_TCP;
            case "udp" -> IP_PROTO_UDP;
            case "icmp" -> IP_PROTO_ICMP;
            default -> {
                int n = ZeekRecords.port(wholeNumber(text));
                yield n > 0xFF ? -1 : n;
            }
        };
    }

    /** Flow Duration in microseconds; 0 when absent, negative (a known CICFlowMeter bug) or not a number. */
    private static long durationNanos(String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        try {
            double micros = Double.parseDouble(text);
            return micros > 0 && micros < Long.MAX_VALUE / NANOS_PER_MICRO ? (long) micros * NANOS_PER_MICRO : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * A CICFlowMeter time stamp to epoch nanoseconds, UTC (the file does not say its zone): day
     * first "7/7/2017 8:59", "07/07/2017 08:59:00", "07/07/2017 08:59:00 AM"; or what the other
     * readers accept ("2017-07-07 08:59:00[.ffffff]", ISO 8601, epoch seconds). Without AM/PM
     * the hour is taken as written.
     */
    static long timestamp(String text) {
        if (text == null || text.isEmpty()) {
            return Timestamps.INVALID;
        }
        long t = Timestamps.any(text);
        if (t != Timestamps.INVALID) {
            return t;
        }
        Matcher m = DAY_FIRST.matcher(text);
        if (!m.matches()) {
            return Timestamps.INVALID;
        }
        int day = Integer.parseInt(m.group(1));
        int month = Integer.parseInt(m.group(2));
        int year = Integer.parseInt(m.group(3));
        int hour = Integer.parseInt(m.group(4));
        int minute = Integer.parseInt(m.group(5));
        int second = m.group(6) == null ? 0 : Integer.parseInt(m.group(6));
        long fraction = 0;
        if (m.group(7) != null) {
            String digits = (m.group(7) + "000000000").substring(0, 9);
            fraction = Long.parseLong(digits);
        }
        String marker = m.group(8);
        if (marker != null) {
            if (hour < 1 || hour > HOURS_PER_HALF_DAY) {
                return Timestamps.INVALID;
            }
            boolean pm = Character.toUpperCase(marker.charAt(0)) == 'P';
            hour = hour % HOURS_PER_HALF_DAY + (pm ? HOURS_PER_HALF_DAY : 0);
        }
        try {
            long epoch = LocalDateTime.of(year, month, day, hour, minute, second).toEpochSecond(ZoneOffset.UTC);
            return epoch * NANOS_PER_SECOND + fraction;
        } catch (DateTimeException e) {
            return Timestamps.INVALID;
        }
    }
}
