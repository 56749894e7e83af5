package dev.scanwatch.io.flow;

import dev.scanwatch.core.model.Outcome;
import dev.scanwatch.core.model.Protocol;
import dev.scanwatch.core.model.Technique;
import dev.scanwatch.core.net.IpAddress;
import dev.scanwatch.io.capture.CaptureProblem;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Argus ra CSV ({@code ra -n -u -c , -s stime saddr sport daddr dport proto state ...}) and the
 * Stratosphere binetflow files: a header line of ra's column labels, then one bidirectional flow
 * a line. Management records are skipped. An ICMP unreachable record that Argus wrote on its own
 * answers the waiting UDP or TCP probe it quotes (Argus prints the quoted port in Dport, byte-swapped
 * on little-endian meters, so both orders are tried).
 */
final class ArgusCsvParser extends CsvFlowParser {

    static final List<String> REQUIRED = List.of("StartTime", "SrcAddr", "DstAddr", "Dport", "Proto", "State");
    private static final char[] DELIMITERS = {',', '\t', ';', '|'};
    private static final String MANAGEMENT = "man";

    private char delimiter;
    private CsvHeader header;
    private int start;
    private int last;
    private int dur;
    private int src;
    private int sport;
    private int dst;
    private int dport;
    private int proto;
    private int state;
    private int srcPkts;
    private int dstPkts;
    private int totPkts;
    private int srcBytes;
    private int dstBytes;
    private int totBytes;

    /** Unanswered UDP/TCP probes by (scanner, target, protocol, port), for ICMP errors to find. */
    private final Map<ProbeKey, ProbeSlot> waiting = new HashMap<>();

    private record ProbeKey(IpAddress src, IpAddress dst, Protocol protocol, int port) implements Comparable<ProbeKey> {
        // Comparable, so that keys chosen to share a hash cost the map a tree search, not a walk of them all.
        private static final Comparator<ProbeKey> ORDER = Comparator.comparing(ProbeKey::src)
                .thenComparing(ProbeKey::dst).thenComparing(ProbeKey::protocol).thenComparingInt(ProbeKey::port);

        @Override
        public int compareTo(ProbeKey o) {
            return ORDER.compare(this, o);
        }
    }

    @Override
    protected char delimiter() {
        return delimiter;
    }

    @Override
    protected CaptureProblem header(String line, LineInput in, ReadContext ctx) {
        delimiter = DELIMITERS[0];
        for (char d : DELIMITERS) {
            if (new CsvHeader(line, d).has("SrcAddr")) {
                delimiter = d;
                break;
            }
        }
        CsvHeader h = new CsvHeader(line, delimiter);
        for (String name : REQUIRED) {
            if (!h.has(name)) {
                return ctx.problem(in, "missing column " + name + " in the Argus header");
            }
        }
        header = h;
        start = h.index("StartTime");
        last = h.index("LastTime");
        dur = h.index("Dur");
        src = h.index("SrcAddr");
        sport = h.index("Sport");
        dst = h.index("DstAddr");
        dport = h.index("Dport");
        proto = h.index("Proto");
        state = h.index("State");
        srcPkts = h.index("SrcPkts");
        dstPkts = h.index("DstPkts");
        totPkts = h.index("TotPkts");
        srcBytes = h.index("SrcBytes");
        dstBytes = h.index("DstBytes");
        totBytes = h.index("TotBytes");
        return null;
    }

    /** Handles one record; false when it is malformed. */
    @Override
    protected boolean row(CsvRow f, ReadContext ctx) {
        if (f.size() < header.width()) {
            return false;
        }
        long startNanos = Timestamps.any(f.field(start));
        if (startNanos == Timestamps.INVALID) {
            return false;
        }
        String protoName = f.field(proto).toLowerCase(Locale.ROOT);
        Protocol protocol = protocol(protoName);
        if (protocol == null) {
            // Management records and other protocols still tell the time the data has reached.
            ctx.stats.skip(protoName.equals(MANAGEMENT) ? SkipReason.MANAGEMENT : SkipReason.UNSUPPORTED_PROTOCOL);
            ctx.queue.observe(startNanos);
            return true;
        }
        IpAddress s = IpAddress.tryParse(f.field(src));
        IpAddress d = IpAddress.tryParse(f.field(dst));
        int sp = port(f.field(sport));
        int dp = port(f.field(dport));
        String st = f.field(state);
        Counts counts = counts(f);
        boolean ported = protocol != Protocol.ICMP;
        if (s == null || d == null || dp < (ported ? 0 : -1) || sp < -1
            || counts == null) {
            return false;
        }
        long endNanos = endNanos(f, startNanos);
        if (endNanos == Timestamps.INVALID) {
            return false;
        }
        int srcPort = Math.max(sp, 0);
        ProbeSlot slot = switch (protocol) {
            case TCP -> ctx.probe(startNanos, s, d, Protocol.TCP, dp, srcPort,
                    ArgusInference.tcp(st, counts.respSeen, counts.srcPkts, counts.dstPkts, counts.srcBytes, srcPort, dp));
            case UDP -> ctx.probe(startNanos, s, d, Protocol.UDP, dp, srcPort,
                    ArgusInference.udp(st, counts.respSeen, srcPort, dp));
            default -> icmp(ctx, startNanos, s, d, sp, dp, st, counts);
        };
        if (slot != null && slot.decided() && counts.srcPkts == 1) {
            ctx.queue.noteAnswerDelay(endNanos - startNanos); // one probe and its answer: the flow lasted the answer's delay
        }
        waitFor(slot);
        ctx.queue.observe(endNanos);
        return true;
    }

    /** Handles an ICMP record; returns the echo probe's slot, or null. */
    private ProbeSlot icmp(ReadContext ctx, long startNanos, IpAddress s, IpAddress d, int sp, int dp, String st,
                           Counts counts) {
        boolean v6 = !s.isV4();
        // Argus prints ICMP type and code in Sport as (code << 8) | type.
        int type = sp < 0 ? -1 : sp & 0xFF;
        int code = sp < 0 ? -1 : sp >>> 8;
        switch (ArgusInference.icmpKind(st, type, v6)) {
            case ECHO_REQUEST -> {
                return ctx.probe(startNanos, s, d, Protocol.ICMP, 0, 0, Boolean.TRUE.equals(counts.respSeen)
                        ? Verdict.probe(Technique.ICMP_ECHO, Outcome.OPEN) : Verdict.unanswered(Technique.ICMP_ECHO));
            }
            case ECHO_REPLY -> ctx.stats.skip(SkipReason.ANSWER_ONLY);
            case UNREACHABLE -> {
                Outcome outcome = ArgusInference.unreachableOutcome(st, type, code, v6);
                ProbeSlot probe = findWaiting(d, s, dp);
                if (probe != null) {
                    probe.answer(outcome);
                    ctx.queue.noteAnswerDelay(startNanos - probe.startNanos);
                    ctx.stats.skip(SkipReason.PAIRED_ANSWER);
                } else {
                    ctx.stats.skip(SkipReason.ANSWER_ONLY);
                }
            }
            default -> ctx.stats.skip(SkipReason.OTHER_ICMP);
        }
        return null;
    }

    /** The unanswered probe from scanner to target that an ICMP error quoting {@code quoted} answers. */
    private ProbeSlot findWaiting(IpAddress scanner, IpAddress target, int quoted) {
        if (quoted < 0) {
            return null;
        }
        int swapped = Short.toUnsignedInt(Short.reverseBytes((short) quoted));
        for (Protocol p : new Protocol[] {Protocol.UDP, Protocol.TCP}) {
            for (int port : new int[] {quoted, swapped}) {
                ProbeSlot slot = waiting.get(new ProbeKey(scanner, target, p, port));
                if (slot != null && !slot.decided()) {
                    return slot;
                }
            }
        }
        return null;
    }

    private void waitFor(ProbeSlot slot) {
        if (slot == null || slot.decided() || slot.protocol == Protocol.ICMP) {
            return;
        }
        ProbeKey key = new ProbeKey(slot.src, slot.dst, slot.protocol, slot.port);
        waiting.put(key, slot);
        slot.onRetire = () -> waiting.remove(key, slot);
    }

    private long endNanos(CsvRow f, long startNanos) {
        String lastTime = f.field(last);
        if (lastTime != null && !lastTime.isEmpty()) {
            return Timestamps.any(lastTime);
        }
        String duration = f.field(dur);
        if (duration != null && !duration.isEmpty()) {
            long d = Timestamps.durationSeconds(duration);
            return d == Timestamps.INVALID ? Timestamps.INVALID : startNanos + d;
        }
        return startNanos;
    }

    /** Per-side evidence from whichever counters the file has. */
    private record Counts(Boolean respSeen, long srcPkts, long dstPkts, long srcBytes) {
    }

    private Counts counts(CsvRow f) {
        long sPk = count(f, srcPkts);
        long dPk = count(f, dstPkts);
        long tPk = count(f, totPkts);
        long sBy = count(f, srcBytes);
        long dBy = count(f, dstBytes);
        long tBy = count(f, totBytes);
        if (sPk == Long.MIN_VALUE || dPk == Long.MIN_VALUE || tPk == Long.MIN_VALUE
            || sBy == Long.MIN_VALUE || dBy == Long.MIN_VALUE || tBy == Long.MIN_VALUE) {
            return null;
        }
        if (dPk < 0 && tPk >= 0 && sPk >= 0) {
            dPk = Math.max(0, tPk - sPk);
        }
        if (sPk < 0 && tPk >= 0 && dPk >= 0) {
            sPk = Math.max(0, tPk - dPk);
        }
        if (dBy < 0 && tBy >= 0 && sBy >= 0) {
            dBy = Math.max(0, tBy - sBy);
        }
        Boolean respSeen = dPk >= 0 ? Boolean.valueOf(dPk > 0) : dBy >= 0 ? Boolean.valueOf(dBy > 0) : null;
        return new Counts(respSeen, sPk, dPk, sBy);
    }

    /** A counter: -1 when the column is absent or empty, MIN_VALUE when it is not a number. */
    private static long count(CsvRow f, int index) {
        String text = f.field(index);
        return ZeekRecords.count(text);
    }

    /** Decimal or 0x-hex port; -1 when empty (ARP and friends), -2 when garbage. */
    static int port(String text) {
        if (text == null || text.isEmpty()) {
            return -1;
        }
        try {
            int v = text.startsWith("0x") || text.startsWith("0X")
                    ? Integer.parseInt(text.substring(2), 16) : Integer.parseInt(text);
            return v >= 0 && v <= 0xFFFF ? v : -2;
        } catch (NumberFormatException e) {
            return -2;
        }
    }

    private static Protocol protocol(String name) {
        return switch (name) {
            case "tcp", "6" -> Protocol.TCP;
            case "udp", "17" -> Protocol.UDP;
            case "icmp", "1", "ipv6-icmp", "icmp6", "58" -> Protocol.ICMP;
            default -> null;
        };
    }
}
