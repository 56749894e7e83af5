package dev.scanwatch.io.flow;

import dev.scanwatch.core.model.Outcome;
import dev.scanwatch.core.model.Technique;

/**
 * A Zeek conn record to a verdict. The history string, when there is one, is the evidence (it
 * lists the flags each side sent); conn_state is used where there is no history, and to recognise
 * the states that are answers by definition (SHR, RSTRH).
 */
final class ZeekInference {

    /** Packets a SYN scanner sends to an open port: the SYN and the RST after the SYN-ACK. */
    private static final long SYN_SCAN_ORIG_PACKETS = 2;

    private ZeekInference() {
    }

    static Verdict tcp(ZeekConn c) {
        String state = c.connState();
        if ("SHR".equals(state) || "RSTRH".equals(state)) {
            return Verdict.skip(SkipReason.ANSWER_ONLY); // the responder's SYN-ACK/RST, never an originator's SYN
        }
        String h = c.history();
        if (h != null && !h.isEmpty()) {
            if (!TcpFlags.zeekSideSpoke(h, true)) {
                if (c.origPkts() > 0) {
                    // The originator sent packets with no flag Zeek records: a NULL probe.
                    return TcpInference.classify(0, false, TcpFlags.zeekHistory(h, false),
                            TcpFlags.zeekSideSpoke(h, false), c.origPkts(), c.origPort(), c.respPort());
                }
                return Verdict.skip(SkipReason.ANSWER_ONLY);
            }
            return TcpInference.classify(TcpFlags.zeekHistory(h, true), TcpFlags.zeekData(h, true),
                    TcpFlags.zeekHistory(h, false), TcpFlags.zeekSideSpoke(h, false), c.origPkts(),
                    c.origPort(), c.respPort());
        }
        Verdict byState = tcpByState(state, c.origPkts(), c.origBytes(), c.respCounted(), c.origPort(), c.respPort());
        if (byState != null) {
            return byState;
        }
        return c.respCounted() ? Verdict.probe(Technique.CONNECT, Outcome.OPEN) : Verdict.unanswered(Technique.SYN);
    }

    /**
     * Zeek's conn_state alone (no history), or null for a name that is not one. Also used for
     * binetflow files that carry Zeek states.
     */
    static Verdict tcpByState(String state, long origPkts, long origBytes, boolean respSeen, int origPort, int respPort) {
        if (state == null) {
            return null;
        }
        return switch (state) {
            case "S0", "RSTOS0", "SH" -> Verdict.unanswered(Technique.SYN);
            case "REJ" -> Verdict.probe(Technique.SYN, Outcome.CLOSED);
            case "S1", "S2", "S3", "SF", "RSTR" -> Verdict.probe(Technique.CONNECT, Outcome.OPEN);
            // Established, then the originator reset: a SYN scan's SYN + RST, or a connect that went further.
            case "RSTO" -> Verdict.probe(origPkts == SYN_SCAN_ORIG_PACKETS && origBytes <= 0
                    ? Technique.SYN : Technique.CONNECT, Outcome.OPEN);
            case "SHR", "RSTRH" -> Verdict.skip(SkipReason.ANSWER_ONLY);
            case "OTH" -> FlowRules.looksLikeServerAnswer(origPort, respPort)
                    ? Verdict.skip(SkipReason.ANSWER_ONLY)
                    : respSeen ? Verdict.probe(Technique.MIDSTREAM, Outcome.OPEN) : Verdict.unanswered(Technique.MIDSTREAM);
            default -> null;
        };
    }

    static Verdict udp(ZeekConn c) {
        String h = c.history();
        boolean hasHistory = h != null && !h.isEmpty();
        boolean respSeen = c.respCounted() || (hasHistory && TcpFlags.zeekSideSpoke(h, false));
        if (hasHistory && !TcpFlags.zeekSideSpoke(h, true) && c.origPkts() <= 0) {
            return Verdict.skip(SkipReason.ANSWER_ONLY);
        }
        if (!respSeen && FlowRules.looksLikeServerAnswer(c.origPort(), c.respPort())) {
            return Verdict.skip(SkipReason.ANSWER_ONLY); // a service answering a request we did not see
        }
        return respSeen ? Verdict.probe(Technique.UDP, Outcome.OPEN) : Verdict.unanswered(Technique.UDP);
    }

    /** Zeek puts the ICMP type in id.orig_p and the code in id.resp_p. */
    static Verdict icmp(ZeekConn c) {
        boolean v6 = !c.orig().isV4();
        int type = c.origPort();
        if (FlowRules.isEchoRequest(type, v6)) {
            return c.respCounted() ? Verdict.probe(Technique.ICMP_ECHO, Outcome.OPEN)
                    : Verdict.unanswered(Technique.ICMP_ECHO);
        }
        if (FlowRules.isEchoReply(type, v6)) {
            return Verdict.skip(SkipReason.ANSWER_ONLY);
        }
        return Verdict.skip(SkipReason.OTHER_ICMP);
    }
}
