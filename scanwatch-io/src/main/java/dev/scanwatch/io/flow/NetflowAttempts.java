package dev.scanwatch.io.flow;

import dev.scanwatch.core.model.Attempt;
import dev.scanwatch.core.model.Protocol;
import dev.scanwatch.core.net.IpAddress;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * The way in for decoded binary NetFlow/IPFIX records (package {@code dev.scanwatch.io.netflow}):
 * the same pairing, inference and queue the nfdump CSV reader uses, so a flow exported by
 * softflowd gives the same attempt whether it arrives as a datagram or as an nfdump line.
 *
 * <p>Not thread-safe: one instance per input or collector thread.
 */
public final class NetflowAttempts {

    private static final int PROTO_ICMP = 1;
    private static final int PROTO_TCP = 6;
    private static final int PROTO_UDP = 17;
    private static final int PROTO_ICMPV6 = 58;
    private static final int ICMP_TYPE_SHIFT = 8;
    private static final int BYTE_MASK = 0xFF;

    private final FlowStats stats = new FlowStats();
    private final AttemptQueue queue;
    private final ReadContext ctx;
    private final NetflowPairer pairer = new NetflowPairer();
    private long records;

    public NetflowAttempts(String source, Duration responseTimeout, Consumer<Attempt> out) {
        long timeout = responseTimeout.toNanos();
        this.queue = new AttemptQueue(out, stats, NfdumpCsvParser.PAIR_WINDOW_NANOS, timeout, FlowReader.MAX_WAITING);
        this.ctx = new ReadContext(source, stats, queue);
    }

    /**
     * One one-directional record.
     *
     * @param startNanos   flow start, epoch nanoseconds; 0 when the exporter gave none
     * @param ipProtocol   IP protocol number
     * @param icmpTypeCode for ICMP: type * 256 + code (NetFlow's destination-port convention)
     * @param packets      packets of this direction, or -1 when unknown
     */
    public void record(long startNanos, long endNanos, IpAddress src, IpAddress dst, int ipProtocol, int srcPort,
                       int dstPort, int tcpFlags, long packets, int icmpTypeCode) {
        records++;
        Protocol protocol = protocol(ipProtocol);
        if (protocol == null) {
            stats.skip(SkipReason.UNSUPPORTED_PROTOCOL);
            if (startNanos != 0) {
                queue.observe(startNanos);
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

    /**
     * Event time reached {@code eventNanos} without a record (a live collector whose exporters went
     * quiet): unanswered probes older than the pairing window are decided.
     */
    public void advanceTo(long eventNanos) {
        queue.observe(eventNanos);
    }

    /** The input ended: every waiting record is decided and handed on. */
    public void finish() {
        queue.finish();
    }

    /** One-directional records offered (a biflow record counts twice when both directions were sent). */
    public long records() {
        return records;
    }

    public long attempts() {
        return queue.attempts();
    }

    /** Records that made no attempt of their own, by reason. */
    public FlowStats skipped() {
        return stats;
    }

    /** Records waiting for their reverse flow or for time. */
    public int waiting() {
        return queue.size();
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
