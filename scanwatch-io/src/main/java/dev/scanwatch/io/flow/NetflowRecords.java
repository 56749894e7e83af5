package dev.scanwatch.io.flow;

import dev.scanwatch.core.model.Protocol;
import dev.scanwatch.core.net.IpAddress;

/**
 * Decoded one-directional NetFlow/IPFIX records into the pairing, whatever they were read from:
 * export datagrams ({@link NetflowAttempts}) or nfdump's binary files ({@link NfcapdParser}).
 * The protocol comes by number, and an ICMP record's type and code from its destination port.
 */
final class NetflowRecords {

    private static final int PROTO_ICMP = 1;
    private static final int PROTO_TCP = 6;
    private static final int PROTO_UDP = 17;
    private static final int PROTO_ICMPV6 = 58;
    private static final int ICMP_TYPE_SHIFT = 8;
    private static final int BYTE_MASK = 0xFF;

    private final ReadContext ctx;
    private final NetflowPairer pairer = new NetflowPairer();

    NetflowRecords(ReadContext ctx) {
        this.ctx = ctx;
    }

    /**
     * One one-directional record.
     *
     * @param startNanos   flow start, epoch nanoseconds; 0 when the exporter gave none
     * @param ipProtocol   IP protocol number
     * @param icmpTypeCode for ICMP: type * 256 + code (NetFlow's destination-port convention)
     * @param packets      packets of this direction, or -1 when unknown
     */
    void record(long startNanos, long endNanos, IpAddress src, IpAddress dst, int ipProtocol, int srcPort,
                int dstPort, int tcpFlags, long packets, int icmpTypeCode) {
        Protocol protocol = protocol(ipProtocol);
        if (protocol == null) {
            ctx.stats.skip(SkipReason.UNSUPPORTED_PROTOCOL);
            if (startNanos != 0) {
                ctx.queue.observe(startNanos);
            }
            return;
        }
        int icmpType = -1;
        int icmpCode = -1;
        if (protocol == Protocol.ICMP) {
            icmpType = (icmpTypeCode >>> ICMP_TYPE_SHIFT) & BYTE_MASK;
            icmpCode = icmpTypeCode & BYTE_MASK;
            srcPort = 0;
            dstPort = 0;
        }
        int flags = protocol == Protocol.TCP ? tcpFlags : 0;
        pairer.offer(startNanos, Math.max(startNanos, endNanos), src, dst, protocol, srcPort, dstPort, flags, packets,
                icmpType, icmpCode, ctx);
    }

    private static Protocol protocol(int number) {
        return switch (number) {
            case PROTO_TCP -> Protocol.TCP;
            case PROTO_UDP -> Protocol.UDP;
            case PROTO_ICMP, PROTO_ICMPV6 -> Protocol.ICMP;
            default -> null;
        };
    }
}
