package dev.scanwatch.io.flow;

import dev.scanwatch.core.model.Protocol;
import dev.scanwatch.core.net.IpAddress;
import dev.scanwatch.io.capture.CaptureProblem;

import java.util.List;
import java.util.Locale;

/**
 * nfdump -o csv: a header line (ts,te,td,sa,da,sp,dp,pr,flg,...), one one-directional record a
 * line, and a "Summary" section at the end, ignored. Each record waits (bounded, in
 * {@link AttemptQueue}) for its reverse flow; the pair makes one attempt.
 */
final class NfdumpCsvParser extends CsvFlowParser {

    static final List<String> REQUIRED = List.of("ts", "sa", "da", "sp", "dp", "pr", "flg");
    private static final char DELIMITER = ',';
    private static final String SUMMARY = "Summary";
    private static final int ICMP_TYPE_SHIFT = 8;

    private CsvHeader header;
    private int ts;
    private int te;
    private int sa;
    private int da;
    private int sp;
    private int dp;
    private int pr;
    private int flg;
    private int ipkt;
    private final NetflowPairer pairer = new NetflowPairer();

    @Override
    protected char delimiter() {
        return DELIMITER;
    }

    /** nfdump ends its CSV with a summary of totals, not flows. */
    @Override
    protected boolean endsRecords(String line) {
        return line.startsWith(SUMMARY);
    }

    @Override
    protected CaptureProblem header(String line, LineInput in, ReadContext ctx) {
        CsvHeader h = new CsvHeader(line, DELIMITER);
        for (String name : REQUIRED) {
            if (!h.has(name)) {
                return ctx.problem(in, "missing column " + name + " in the nfdump header");
            }
        }
        header = h;
        ts = h.index("ts");
        te = h.index("te");
        sa = h.index("sa");
        da = h.index("da");
        sp = h.index("sp");
        dp = h.index("dp");
        pr = h.index("pr");
        flg = h.index("flg");
        ipkt = h.index("ipkt");
        return null;
    }

    @Override
    protected boolean row(CsvRow f, ReadContext ctx) {
        if (f.size() < header.width()) {
            return false;
        }
        long start = Timestamps.any(f.field(ts));
        Protocol protocol = protocol(f.field(pr).toUpperCase(Locale.ROOT));
        if (protocol == null && start != Timestamps.INVALID) {
            ctx.stats.skip(SkipReason.UNSUPPORTED_PROTOCOL);
            if (start != 0) {
                ctx.queue.observe(start);
            }
            return true;
        }
        String endText = f.field(te);
        long end = endText == null ? start : Timestamps.any(endText);
        IpAddress src = IpAddress.tryParse(f.field(sa));
        IpAddress dst = IpAddress.tryParse(f.field(da));
        int srcPort = ZeekRecords.port(f.field(sp));
        String dstPortText = f.field(dp);
        long packets = ipkt < 0 ? -1 : ZeekRecords.count(f.field(ipkt));
        int flags = protocol == Protocol.TCP ? TcpFlags.nfdump(f.field(flg)) : 0;
        if (start == Timestamps.INVALID || end == Timestamps.INVALID || src == null || dst == null || srcPort < 0
            || flags < 0 || packets == Long.MIN_VALUE) {
            return false;
        }
        int dstPort;
        int icmpType = -1;
        int icmpCode = -1;
        if (protocol == Protocol.ICMP) {
            int typeCode = icmpTypeCode(dstPortText);
            if (typeCode < 0) {
                return false;
            }
            icmpType = typeCode >>> ICMP_TYPE_SHIFT;
            icmpCode = typeCode & 0xFF;
            dstPort = 0;
            srcPort = 0;
        } else {
            dstPort = ZeekRecords.port(dstPortText);
            if (dstPort < 0) {
                return false;
            }
        }
        pairer.offer(start, end, src, dst, protocol, srcPort, dstPort, flags, packets, icmpType, icmpCode, ctx);
        return true;
    }

    /** nfdump writes ICMP type and code in dp as type * 256 + code, or as "type.code". */
    private static int icmpTypeCode(String text) {
        if (text == null) {
            return -1;
        }
        int dot = text.indexOf('.');
        if (dot > 0) {
            int type = ZeekRecords.port(text.substring(0, dot));
            int code = ZeekRecords.port(text.substring(dot + 1));
            return type < 0 || code < 0 || type > 0xFF || code > 0xFF ? -1 : (type << ICMP_TYPE_SHIFT) | code;
        }
        return ZeekRecords.port(text);
    }

    private static Protocol protocol(String name) {
        return switch (name) {
            case "TCP", "6" -> Protocol.TCP;
            case "UDP", "17" -> Protocol.UDP;
            case "ICMP", "ICMP6", "IPV6-ICMP", "1", "58" -> Protocol.ICMP;
            default -> null;
        };
    }
}
