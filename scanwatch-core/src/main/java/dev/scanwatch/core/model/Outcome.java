package dev.scanwatch.core.model;

/** What the scanner learned from one attempt (DESIGN §2). */
public enum Outcome {
    /** SYN-ACK, a UDP reply, an echo reply, any answer of the probed protocol. */
    OPEN,
    /** RST, ICMP port or protocol unreachable. */
    CLOSED,
    /** No answer within the response timeout, or an ICMP unreachable other than port/protocol. */
    FILTERED,
    /** The input ended (or the state was evicted) before an answer could be expected. */
    UNKNOWN;

    /** A failed first contact, in the sense of TRW and of Zeek's scan script. */
    public boolean isFailure() {
        return this != OPEN;
    }
}
