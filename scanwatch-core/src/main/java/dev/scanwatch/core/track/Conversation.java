package dev.scanwatch.core.track;

import dev.scanwatch.core.expiry.IdleQueue;
import dev.scanwatch.core.model.Outcome;
import dev.scanwatch.core.model.Protocol;
import dev.scanwatch.core.model.Technique;

/** What the tracker remembers of one first contact while it waits for, and after, the answer. */
final class Conversation extends IdleQueue.Member {

    enum State {
        /** The probe went out; no answer yet. */
        PENDING,
        /** SYN-ACK seen; the scanner's next packet tells a connect scan (ACK) from a SYN scan (RST). */
        AWAITING_SCANNER,
        /** Outcome known and reported (or never to be reported, for a silent conversation). */
        DONE
    }

    /** The key: initiator (a), responder (b), and the protocol's ordinal above the port (ordinal << 16 | port). */
    final long aHi;
    final long aLo;
    final long bHi;
    final long bLo;
    final int protoPort;
    final Protocol protocol;
    final long firstNanos;
    final int initiatorPort;
    Technique technique;
    State state;
    Outcome outcome;
    /**
     * Opened by an answer rather than a probe (backscatter, or a conversation whose start the
     * capture missed): it pairs later packets but is never an attempt.
     */
    final boolean silent;
    /** Source ports besides the first that this UDP conversation was indexed under (retries). */
    int otherInitiatorPorts;
    /** Those ports, made at the first retry: the index entries to drop when the conversation goes. */
    int[] retryPorts;

    Conversation(long aHi, long aLo, long bHi, long bLo, int protoPort, Protocol protocol, long firstNanos,
                 int initiatorPort, Technique technique, boolean silent) {
        this.aHi = aHi;
        this.aLo = aLo;
        this.bHi = bHi;
        this.bLo = bLo;
        this.protoPort = protoPort;
        this.protocol = protocol;
        this.firstNanos = firstNanos;
        this.lastActiveNanos = firstNanos;
        this.initiatorPort = initiatorPort;
        this.technique = technique;
        this.silent = silent;
        this.state = silent ? State.DONE : State.PENDING;
    }
}
