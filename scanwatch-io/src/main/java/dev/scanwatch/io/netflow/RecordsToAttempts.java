package dev.scanwatch.io.netflow;

import dev.scanwatch.core.net.IpAddress;
import dev.scanwatch.io.flow.NetflowAttempts;

/**
 * Hands decoded records to the NetFlow pairing and inference of {@code dev.scanwatch.io.flow}
 * (the nfdump CSV path's): each one-directional record is one half; an IPFIX biflow record with
 * reverse counters (RFC 5103) is both halves at once. Keeps the latest event time seen.
 */
public final class RecordsToAttempts implements FlowRecordListener {

    private static final long NANOS_PER_MILLI = 1_000_000L;
    private static final int PROTO_ICMP = 1;
    private static final int ICMP_ECHO_REQUEST = 8;
    private static final int ICMP_ECHO_REPLY = 0;
    private static final int ICMP6_ECHO_REQUEST = 128;
    private static final int ICMP6_ECHO_REPLY = 129;
    private static final int ICMP_TYPE_SHIFT = 8;
    private static final int NO_ICMP = -1;

    private final NetflowAttempts attempts;
    private long latestNanos;
    private long biflows;

    public RecordsToAttempts(NetflowAttempts attempts) {
        this.attempts = attempts;
    }

    @Override
    public void onRecord(FlowRecord r) {
        long start = r.startMillis * NANOS_PER_MILLI;
        long end = r.endMillis * NANOS_PER_MILLI;
        latestNanos = Math.max(latestNanos, end);
        IpAddress src = r.src();
        IpAddress dst = r.dst();
        attempts.record(start, end, src, dst, r.protocol, r.srcPort, r.dstPort, r.tcpFlags, r.packets, r.icmpTypeCode);
        if (r.hasReverse && (r.reversePackets > 0 || r.reverseTcpFlags != 0)) {
            biflows++;
            int icmp = reverseIcmp(r);
            if (icmp == NO_ICMP && isIcmp(r.protocol)) {
                return; // only an echo request has a reverse half the pairing knows (its reply)
            }
            attempts.record(start, end, dst, src, r.protocol, r.dstPort, r.srcPort, r.reverseTcpFlags,
                    r.reversePackets, icmp);
        }
    }

    /** The latest flow end handed on, epoch nanoseconds (0 before the first record). */
    public long latestNanos() {
        return latestNanos;
    }

    /** Biflow records whose reverse direction was handed on as a half of its own. */
    public long biflows() {
        return biflows;
    }

    public NetflowAttempts attempts() {
        return attempts;
    }

    private static boolean isIcmp(int protocol) {
        return protocol == PROTO_ICMP || protocol == dev.scanwatch.core.packet.Packet.PROTO_ICMPV6;
    }

    private static int reverseIcmp(FlowRecord r) {
        if (!isIcmp(r.protocol)) {
            return NO_ICMP;
        }
        int type = (r.icmpTypeCode >>> ICMP_TYPE_SHIFT) & 0xFF;
        if (type == ICMP_ECHO_REQUEST) {
            return ICMP_ECHO_REPLY << ICMP_TYPE_SHIFT;
        }
        if (type == ICMP6_ECHO_REQUEST) {
            return ICMP6_ECHO_REPLY << ICMP_TYPE_SHIFT;
        }
        return NO_ICMP;
    }
}
