package dev.scanwatch.io.flow;

import static dev.scanwatch.io.flow.TcpFlags.ACK;
import static dev.scanwatch.io.flow.TcpFlags.RST;
import static dev.scanwatch.io.flow.TcpFlags.SYN;
import static dev.scanwatch.io.flow.TcpFlags.has;

import dev.scanwatch.core.model.Outcome;
import dev.scanwatch.core.model.Technique;

/**
 * The technique and outcome of one TCP conversation from the flag unions each side sent, with
 * the packet tracker's rules: a SYN answered by SYN-ACK is OPEN (SYN when the scanner then reset
 * or went quiet, CONNECT when it acknowledged); a RST answer is CLOSED; no answer is left for the
 * time rule; a flow that is only an answer (SYN-ACK, RST) is backscatter.
 *
 * <p>Flag unions cannot say which packet came first; where that matters the rules below pick the
 * reading a scan gives, and docs/FLOW-OUTCOMES.md lists them.
 */
final class TcpInference {

    private static final int CLASSIC = 0x3F;

    private TcpInference() {
    }

    /**
     * @param orig         flags the originator sent (union)
     * @param origData     whether the originator sent payload
     * @param resp         flags the responder sent (union; 0 when it sent none or they are unknown)
     * @param respSeen     whether the responder sent anything at all
     * @param origPackets  packets from the originator, or -1 when unknown: with exactly one the
     *                     union is that packet's flags, which tells SYN+FIN from SYN then FIN
     */
    static Verdict classify(int orig, boolean origData, int resp, boolean respSeen, long origPackets,
                            int srcPort, int dstPort) {
        orig &= CLASSIC;
        resp &= CLASSIC;
        boolean respOpened = has(resp, SYN | ACK);
        boolean respReset = has(resp, RST);
        if (has(orig, SYN)) {
            return withSyn(orig, origData, respOpened, respReset, respSeen, origPackets, srcPort, dstPort);
        }
        Technique technique = Technique.ofTcpProbe(orig, origData ? 1 : 0);
        if (technique == null) {
            return Verdict.skip(SkipReason.ANSWER_ONLY); // RST or RST-ACK on its own
        }
        if (has(orig, ACK) && FlowRules.looksLikeServerAnswer(srcPort, dstPort)) {
            return Verdict.skip(SkipReason.ANSWER_ONLY); // a server's side of a connection whose start is elsewhere
        }
        if (respReset) {
            return Verdict.probe(technique, Outcome.CLOSED);
        }
        return respSeen ? Verdict.probe(technique, Outcome.OPEN) : Verdict.unanswered(technique);
    }

    private static Verdict withSyn(int orig, boolean origData, boolean respOpened, boolean respReset, boolean respSeen,
                                   long origPackets, int srcPort, int dstPort) {
        // With a single packet the ACK came with the SYN: no handshake was completed.
        boolean acked = (has(orig, ACK) || origData) && origPackets != 1;
        if (orig == (SYN | ACK) && (!origData || origPackets == 1) && !respOpened) {
            return Verdict.skip(SkipReason.ANSWER_ONLY); // a SYN-ACK nobody asked for
        }
        Technique probe = Technique.SYN;
        if (origPackets == 1) {
            Technique single = Technique.ofTcpProbe(orig, origData ? 1 : 0);
            probe = single != null ? single : Technique.SYN;
        }
        if (respOpened) {
            return Verdict.probe(acked ? Technique.CONNECT : probe, Outcome.OPEN);
        }
        if (respReset) {
            return Verdict.probe(probe, Outcome.CLOSED);
        }
        if (respSeen) {
            return Verdict.probe(acked ? Technique.CONNECT : probe, Outcome.OPEN); // ACK or data back: alive
        }
        if (acked) {
            if (FlowRules.looksLikeServerAnswer(srcPort, dstPort)) {
                return Verdict.skip(SkipReason.ANSWER_ONLY);
            }
            // One-sided capture: the scanner acknowledged a SYN-ACK the meter did not see.
            return Verdict.probe(Technique.CONNECT, Outcome.OPEN);
        }
        return Verdict.unanswered(probe);
    }
}
