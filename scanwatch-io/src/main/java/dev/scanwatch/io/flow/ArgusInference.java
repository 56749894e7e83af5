package dev.scanwatch.io.flow;

import dev.scanwatch.core.model.Outcome;
import dev.scanwatch.core.model.Technique;

/**
 * An Argus (or binetflow) record's State to a verdict. TCP states come either as the flag sets
 * each side sent ("S_RA", "FSPA_FSPA", "_RA") or as words ("REQ", "CON", "RST"...); binetflow
 * files written from Zeek logs may even carry Zeek's conn_state ("S0").
 */
final class ArgusInference {

    /** A refused SYN is one packet each way; a SYN scan of an open port is SYN + RST against one SYN-ACK. */
    private static final long HALF_OPEN_SRC_PACKETS = 2;
    private static final long CONNECT_SRC_PACKETS = 3;
    private static final long CONNECT_DST_PACKETS = 2;

    private ArgusInference() {
    }

    /**
     * @param respSeen  whether the destination sent anything: TRUE/FALSE, or null when the record has no per-side counts
     * @param srcPkts   packets from the source, -1 when unknown
     * @param dstPkts   packets from the destination, -1 when unknown
     */
    static Verdict tcp(String state, Boolean respSeen, long srcPkts, long dstPkts, long srcBytes,
                       int srcPort, int dstPort) {
        int sep = state.indexOf('_');
        if (sep >= 0) {
            int orig = TcpFlags.argusLetters(state.substring(0, sep));
            int resp = TcpFlags.argusLetters(state.substring(sep + 1));
            boolean seen = respSeen != null ? respSeen : resp != 0;
            return TcpInference.classify(orig, false, resp, seen || resp != 0, srcPkts, srcPort, dstPort);
        }
        boolean seen = Boolean.TRUE.equals(respSeen);
        Verdict zeek = ZeekInference.tcpByState(state, srcPkts, srcBytes, seen, srcPort, dstPort);
        if (zeek != null) {
            return zeek;
        }
        return switch (state) {
            case "REQ", "INT" -> Verdict.unanswered(Technique.SYN);
            case "ACC" -> Verdict.probe(Technique.SYN, Outcome.OPEN);
            case "CON", "EST", "FIN", "CLO" -> Verdict.probe(Technique.CONNECT, Outcome.OPEN);
            case "RST" -> reset(srcPkts, dstPkts);
            default -> seen ? Verdict.probe(Technique.CONNECT, Outcome.OPEN) : Verdict.unanswered(Technique.SYN);
        };
    }

    /** The word "RST" hides who reset: the packet counts tell a refusal from a torn-down connection. */
    private static Verdict reset(long srcPkts, long dstPkts) {
        if (srcPkts >= 0 && dstPkts >= 0) {
            if (dstPkts >= CONNECT_DST_PACKETS || srcPkts >= CONNECT_SRC_PACKETS) {
                return Verdict.probe(Technique.CONNECT, Outcome.OPEN);
            }
            if (srcPkts == HALF_OPEN_SRC_PACKETS && dstPkts == 1) {
                return Verdict.probe(Technique.SYN, Outcome.OPEN);
            }
        }
        return Verdict.probe(Technique.SYN, Outcome.CLOSED);
    }

    static Verdict udp(String state, Boolean respSeen, int srcPort, int dstPort) {
        boolean seen = respSeen != null ? respSeen : "CON".equals(state);
        if (!seen && FlowRules.looksLikeServerAnswer(srcPort, dstPort)) {
            return Verdict.skip(SkipReason.ANSWER_ONLY);
        }
        return seen ? Verdict.probe(Technique.UDP, Outcome.OPEN) : Verdict.unanswered(Technique.UDP);
    }

    /** What kind of ICMP record this is, by its state word, else by the type Argus prints in Sport. */
    enum IcmpKind { ECHO_REQUEST, ECHO_REPLY, UNREACHABLE, OTHER }

    /**
     * @param type the ICMP type from Sport (Argus prints (code << 8) | type there), -1 when unknown
     */
    static IcmpKind icmpKind(String state, int type, boolean v6) {
        switch (state) {
            case "ECO":
                return IcmpKind.ECHO_REQUEST;
            case "ECR":
                return IcmpKind.ECHO_REPLY;
            default:
                if (state.startsWith("UR")) {
                    return IcmpKind.UNREACHABLE;
                }
        }
        if (type < 0) {
            return IcmpKind.OTHER;
        }
        if (FlowRules.isEchoRequest(type, v6)) {
            return IcmpKind.ECHO_REQUEST;
        }
        if (FlowRules.isEchoReply(type, v6)) {
            return IcmpKind.ECHO_REPLY;
        }
        return type == (v6 ? FlowRules.ICMP6_UNREACHABLE : FlowRules.ICMP_UNREACHABLE) ? IcmpKind.UNREACHABLE
                : IcmpKind.OTHER;
    }

    /** Port and protocol unreachable refuse the probe (CLOSED); the other unreachables filter it. */
    static Outcome unreachableOutcome(String state, int type, int code, boolean v6) {
        if ("URP".equals(state) || "URO".equals(state)) {
            return Outcome.CLOSED;
        }
        if (state.startsWith("UR") || type < 0) {
            return Outcome.FILTERED;
        }
        return FlowRules.isRefusal(type, code, v6) ? Outcome.CLOSED : Outcome.FILTERED;
    }
}
