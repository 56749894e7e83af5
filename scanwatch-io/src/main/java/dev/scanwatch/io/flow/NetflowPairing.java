package dev.scanwatch.io.flow;

import static dev.scanwatch.io.flow.TcpFlags.ACK;
import static dev.scanwatch.io.flow.TcpFlags.SYN;
import static dev.scanwatch.io.flow.TcpFlags.has;

import dev.scanwatch.core.model.Outcome;
import dev.scanwatch.core.model.Protocol;
import dev.scanwatch.core.model.Technique;

/**
 * The verdict of one-directional records: a probe with its reverse flow, or alone. Which half
 * opened the conversation is told by the flags (a SYN without ACK, a probe-like set against an
 * answer-like one), then by the ports (the half towards the lower port is the client's), then by
 * the start time, then by file order.
 */
final class NetflowPairing {

    /**
     * How far apart in time a flow and its reverse may lie and still be paired: exporters cut
     * flows at their own active and idle timeouts, so the two halves rarely start together.
     */
    static final long PAIR_WINDOW_NANOS = 10_000_000_000L;

    private NetflowPairing() {
    }

    /** Whether {@code b} can be {@code a}'s reverse flow (keys already match reversed). */
    static boolean canPair(NetflowHalf a, NetflowHalf b) {
        if (a.protocol() == Protocol.ICMP) {
            boolean v6 = a.v6();
            boolean aReq = FlowRules.isEchoRequest(a.icmpType(), v6);
            boolean bReq = FlowRules.isEchoRequest(b.icmpType(), v6);
            if (aReq == bReq || !(aReq ? FlowRules.isEchoReply(b.icmpType(), v6) : FlowRules.isEchoReply(a.icmpType(), v6))) {
                return false;
            }
        }
        if (a.timeUnknown() || b.timeUnknown()) {
            return true;
        }
        // overlapping in time, with a window of slack for exporters that cut flows differently
        return b.startNanos() <= a.endNanos() + PAIR_WINDOW_NANOS && a.startNanos() <= b.endNanos() + PAIR_WINDOW_NANOS;
    }

    /** True when {@code a} (earlier in the file) is the originator of the pair. */
    static boolean firstIsOriginator(NetflowHalf a, NetflowHalf b) {
        if (a.protocol() == Protocol.ICMP) {
            return FlowRules.isEchoRequest(a.icmpType(), a.v6());
        }
        if (a.protocol() == Protocol.TCP) {
            int ra = originatorRank(a.flags());
            int rb = originatorRank(b.flags());
            if (ra != rb) {
                return ra > rb;
            }
        }
        if (a.dstPort() != a.srcPort()) {
            return a.dstPort() < a.srcPort(); // the client's half goes to the (lower) service port
        }
        if (!a.timeUnknown() && !b.timeUnknown() && a.startNanos() != b.startNanos()) {
            return a.startNanos() < b.startNanos();
        }
        return true;
    }

    /** 2: a SYN without ACK (only an opener sends one); 1: a probe-like flag set; 0: an answer (SYN-ACK, RST). */
    private static int originatorRank(int flags) {
        if (has(flags, SYN) && !has(flags, ACK)) {
            return 2;
        }
        return Technique.ofTcpProbe(flags, 0) != null ? 1 : 0;
    }

    /** The verdict of an originator half and its reverse. */
    static Verdict paired(NetflowHalf orig, NetflowHalf resp) {
        return switch (orig.protocol()) {
            case TCP -> TcpInference.classify(orig.flags(), false, resp.flags(), true, orig.packets(),
                    orig.srcPort(), orig.dstPort());
            case UDP -> Verdict.probe(Technique.UDP, Outcome.OPEN);
            default -> Verdict.probe(Technique.ICMP_ECHO, Outcome.OPEN);
        };
    }

    /** The verdict of a half whose reverse never came. */
    static Verdict alone(NetflowHalf h) {
        return switch (h.protocol()) {
            case TCP -> TcpInference.classify(h.flags(), false, 0, false, h.packets(),
                    h.srcPort(), h.dstPort());
            case UDP -> FlowRules.looksLikeServerAnswer(h.srcPort(), h.dstPort())
                    ? Verdict.skip(SkipReason.ANSWER_ONLY) : Verdict.unanswered(Technique.UDP);
            default -> FlowRules.isEchoRequest(h.icmpType(), h.v6())
                    ? Verdict.unanswered(Technique.ICMP_ECHO) : Verdict.skip(SkipReason.ANSWER_ONLY);
        };
    }
}
