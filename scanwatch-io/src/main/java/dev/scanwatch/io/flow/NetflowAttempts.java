package dev.scanwatch.io.flow;

import dev.scanwatch.core.model.Attempt;
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

    private final FlowStats stats = new FlowStats();
    private final AttemptQueue queue;
    private final ReadContext ctx;
    private final NetflowRecords records;

    public NetflowAttempts(String source, Duration responseTimeout, Consumer<Attempt> out) {
        long timeout = responseTimeout.toNanos();
        this.queue = new AttemptQueue(out, stats, NetflowPairing.PAIR_WINDOW_NANOS, timeout, FlowReader.MAX_WAITING);
        this.ctx = new ReadContext(source, stats, queue);
        this.records = new NetflowRecords(ctx);
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
        ctx.record();
        records.record(startNanos, endNanos, src, dst, ipProtocol, srcPort, dstPort, tcpFlags, packets, icmpTypeCode);
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
        return ctx.records();
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
}
