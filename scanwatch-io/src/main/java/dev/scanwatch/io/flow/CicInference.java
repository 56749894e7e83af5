package dev.scanwatch.io.flow;

import static dev.scanwatch.io.flow.TcpFlags.ACK;
import static dev.scanwatch.io.flow.TcpFlags.FIN;
import static dev.scanwatch.io.flow.TcpFlags.PSH;
import static dev.scanwatch.io.flow.TcpFlags.RST;
import static dev.scanwatch.io.flow.TcpFlags.SYN;
import static dev.scanwatch.io.flow.TcpFlags.URG;

import dev.scanwatch.core.model.Outcome;
import dev.scanwatch.core.model.Technique;

/**
 * A CICFlowMeter record's verdict. CICFlowMeter writes one bidirectional flow a line: packets per
 * direction ("Total Fwd Packets", "Total Backward Packets", the first packet's sender is forward)
 * and TCP flag counts for both directions together, so which side sent a flag has to be inferred.
 *
 * <p>Two regimes exist. The builds that made CIC-IDS2017 and CSE-CIC-IDS2018 counted only the
 * flags of each flow's <em>first</em> packet (ahlashkari/CICFlowMeter issues #41 and #129: the
 * counts are 0 or 1); later builds and the Python cicflowmeter count every packet. The parser
 * switches to the second reading once the file shows it ({@link #showsAllPackets}); until then the
 * flags are the probe's and the answer is read from the packet counts alone.
 * docs/FLOW-OUTCOMES.md ("CICFlowMeter") lists the rules and their limits.
 */
final class CicInference {

    /** A SYN probe answered once, with nothing more from the scanner: a SYN-ACK would have drawn its RST or ACK. */
    private static final long REFUSED_FWD_PACKETS = 1;
    /** SYN, SYN-ACK, then the scanner's RST: the half-open scan of an open port. */
    private static final long HALF_OPEN_FWD_PACKETS = 2;
    /** Three packets from the originator (SYN, ACK, RST-ACK / data) or two answers: a completed handshake. */
    private static final long CONNECT_FWD_PACKETS = 3;
    private static final long CONNECT_BWD_PACKETS = 2;
    /** A SYN-ACK adds the responder's SYN to the originator's: two SYNs in a flow of all packets. */
    private static final long SYN_ACK_SYNS = 2;

    private CicInference() {
    }

    /**
     * One flow's counters; a per-direction counter is -1 when the file has no such column.
     *
     * @param fwd packets from the originator (the flow's first packet's sender)
     * @param bwd packets from the responder
     */
    record Counts(long fwd, long bwd, long fin, long syn, long rst, long psh, long ack, long urg,
                  long fwdPsh, long fwdUrg, long fwdRst, long bwdRst) {

        /** The flags counted at least once, as {@link TcpFlags} bits. */
        int union() {
            int f = 0;
            f |= fin > 0 ? FIN : 0;
            f |= syn > 0 ? SYN : 0;
            f |= rst > 0 ? RST : 0;
            f |= psh > 0 ? PSH : 0;
            f |= ack > 0 ? ACK : 0;
            f |= urg > 0 ? URG : 0;
            return f;
        }

        boolean answered() {
            return bwd > 0;
        }
    }

    /**
     * Whether a record proves that its file counts the flags of every packet: a count above one,
     * or an answered SYN flow that also counted an ACK (the first packet of a SYN probe has none;
     * the SYN-ACK or RST-ACK answer has one).
     */
    static boolean showsAllPackets(Counts c, int srcPort, int dstPort) {
        if (c.fin > 1 || c.syn > 1 || c.rst > 1 || c.psh > 1 || c.ack > 1 || c.urg > 1) {
            return true;
        }
        return c.syn > 0 && c.ack > 0 && c.answered() && !FlowRules.looksLikeServerAnswer(srcPort, dstPort);
    }

    /**
     * @param allPackets whether the file's flag counts cover every packet (else the first packet's only)
     */
    static Verdict tcp(Counts c, boolean allPackets, int srcPort, int dstPort) {
        int union = c.union();
        if (!c.answered()) {
            // Every flag counted is the originator's, in both regimes.
            return TcpInference.classify(union, false, 0, false, c.fwd, srcPort, dstPort);
        }
        if (c.syn > 0) {
            if (TcpFlags.has(union, SYN | ACK) && FlowRules.looksLikeServerAnswer(srcPort, dstPort)) {
                return Verdict.skip(SkipReason.ANSWER_ONLY); // a server's SYN-ACK and the RST it drew: backscatter
            }
            return allPackets ? synAllPackets(c) : synFirstPacket(c);
        }
        return allPackets ? noSynAllPackets(c, union, srcPort, dstPort) : noSynFirstPacket(c, union, srcPort, dstPort);
    }

    /** SYN probe, flags of the first packet only: the packet counts tell the answer (as Argus' "RST" word). */
    private static Verdict synFirstPacket(Counts c) {
        Technique probe = synProbe(c);
        boolean acked = c.fwdPsh > 0; // the scanner sent data
        if (c.bwdRst > 0 && c.bwd == 1 && c.fwd <= HALF_OPEN_FWD_PACKETS) {
            return Verdict.probe(probe, Outcome.CLOSED); // a build that counts RSTs per direction says who reset
        }
        if (acked || c.fwd >= CONNECT_FWD_PACKETS || c.bwd >= CONNECT_BWD_PACKETS) {
            return Verdict.probe(Technique.CONNECT, Outcome.OPEN);
        }
        if (c.fwd == HALF_OPEN_FWD_PACKETS) {
            return Verdict.probe(probe, Outcome.OPEN);
        }
        // One packet each way.
        return Verdict.probe(probe, c.bwdRst == 0 ? Outcome.OPEN : Outcome.CLOSED);
    }

    /** SYN probe, every packet's flags: two SYNs mean a SYN-ACK came back, one SYN and a RST a refusal. */
    private static Verdict synAllPackets(Counts c) {
        Technique probe = synProbe(c);
        // The responder's packets after a SYN all carry ACK: more ACKs than answers means the scanner sent some.
        boolean acked = c.ack > c.bwd || c.fwdPsh > 0;
        boolean responderReset = c.bwdRst >= 0 ? c.bwdRst > 0 : c.rst > 0;
        boolean synAck = c.syn >= SYN_ACK_SYNS && c.ack > 0;
        if (responderReset && !synAck) {
            return Verdict.probe(probe, Outcome.CLOSED);
        }
        if (synAck || c.fwd >= CONNECT_FWD_PACKETS || c.bwd >= CONNECT_BWD_PACKETS) {
            return Verdict.probe(acked ? Technique.CONNECT : probe, Outcome.OPEN);
        }
        if (c.fwd == REFUSED_FWD_PACKETS && c.rst > 0) {
            return Verdict.probe(probe, Outcome.CLOSED);
        }
        return Verdict.probe(acked ? Technique.CONNECT : probe, Outcome.OPEN); // something other than a RST came back
    }

    /** A lone SYN+FIN packet is its own technique; anything else with a SYN first is a SYN probe. */
    private static Technique synProbe(Counts c) {
        return c.fwd == 1 && c.fin > 0 && c.bwd <= 1 ? Technique.SYN_FIN : Technique.SYN;
    }

    /**
     * No SYN, first packet's flags only: those are the probe's. A FIN, NULL, Xmas or ACK probe is
     * answered only by RST (open ports stay silent), so an answer means CLOSED; mid-stream traffic
     * answered is a live conversation.
     */
    private static Verdict noSynFirstPacket(Counts c, int union, int srcPort, int dstPort) {
        boolean reset = c.bwdRst >= 0 ? c.bwdRst > 0 : true;
        Technique t = Technique.ofTcpProbe(union, 0);
        if (t == Technique.MIDSTREAM && c.bwdRst <= 0) {
            reset = false;
        }
        return TcpInference.classify(union, false, reset ? RST : ACK, true, c.fwd, srcPort, dstPort);
    }

    /**
     * No SYN, every packet's flags: a RST is the answer (a RST is never answered), and the ACK of
     * the RST-ACK that answers a FIN or Xmas probe is the responder's unless ACK was counted twice.
     */
    private static Verdict noSynAllPackets(Counts c, int union, int srcPort, int dstPort) {
        boolean reset = c.bwdRst >= 0 ? c.bwdRst > 0 : c.rst > 0;
        int probe = union;
        if (reset && (c.fwdRst <= 0)) {
            probe &= ~RST;
            boolean finLike = (probe & (FIN | PSH | URG)) != 0;
            if (finLike && c.ack == 1) {
                probe &= ~ACK;
            }
        }
        if (c.fwdPsh == 0 && c.fwdUrg == 0 && (probe & FIN) != 0) {
            probe &= ~(PSH | URG); // the PSH/URG counted were the responder's
        }
        return TcpInference.classify(probe, false, reset ? RST : ACK, true, c.fwd, srcPort, dstPort);
    }

    static Verdict udp(Counts c, int srcPort, int dstPort) {
        return ArgusInference.udp("", c.answered(), srcPort, dstPort);
    }

    /**
     * @param icmpType the flow's ICMP type, or -1 when the file does not say (older builds): then
     *                 only a two-way flow is taken as an echo and its reply, since a one-way ICMP
     *                 flow may as well be an error answering someone else's probe
     */
    static Verdict icmp(Counts c, int icmpType, boolean v6) {
        if (icmpType < 0) {
            return c.answered() ? Verdict.probe(Technique.ICMP_ECHO, Outcome.OPEN) : Verdict.skip(SkipReason.OTHER_ICMP);
        }
        if (FlowRules.isEchoRequest(icmpType, v6)) {
            return c.answered() ? Verdict.probe(Technique.ICMP_ECHO, Outcome.OPEN) : Verdict.unanswered(Technique.ICMP_ECHO);
        }
        if (FlowRules.isEchoReply(icmpType, v6) || icmpType == (v6 ? FlowRules.ICMP6_UNREACHABLE : FlowRules.ICMP_UNREACHABLE)) {
            return Verdict.skip(SkipReason.ANSWER_ONLY);
        }
        return Verdict.skip(SkipReason.OTHER_ICMP);
    }
}
