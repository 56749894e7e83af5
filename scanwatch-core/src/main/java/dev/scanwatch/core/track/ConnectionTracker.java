package dev.scanwatch.core.track;

import dev.scanwatch.core.expiry.IdleQueue;
import dev.scanwatch.core.model.Outcome;
import dev.scanwatch.core.model.Protocol;
import dev.scanwatch.core.model.Technique;
import dev.scanwatch.core.net.IpAddress;
import dev.scanwatch.core.packet.Packet;

import java.util.ArrayDeque;

/**
 * Turns packets into attempts: one per first contact of a source with (destination, protocol,
 * port), with the probe's technique and the outcome its answer reveals.
 *
 * <p>Every packet is first tried as an answer to a conversation the other side opened, then as
 * a continuation of one its sender opened, and only then as a new first contact. Answers that
 * open nothing (a SYN-ACK or RST nobody asked for) are backscatter: counted, never attempts.
 *
 * <p>Time is the packets' own: deadlines fire when a later packet (or {@link #advanceTo}) moves
 * event time past them, so the same input always gives the same attempts.
 */
public final class ConnectionTracker {

    /** Ports below this are services; a packet from one to a port at or above it is an answer. */
    private static final int FIRST_EPHEMERAL_PORT = 1024;

    private static final int ICMP_ECHO_REPLY = 0;
    private static final int ICMP_UNREACHABLE = 3;
    private static final int ICMP_ECHO_REQUEST = 8;
    private static final int ICMP_UNREACH_PROTOCOL = 2;
    private static final int ICMP_UNREACH_PORT = 3;
    private static final int ICMP6_UNREACHABLE = 1;
    private static final int ICMP6_UNREACH_PORT = 4;
    private static final int ICMP6_PARAM_PROBLEM = 4;
    private static final int ICMP6_UNRECOGNIZED_NEXT_HEADER = 1;
    private static final int ICMP6_ECHO_REQUEST = 128;
    private static final int ICMP6_ECHO_REPLY = 129;

    /** Retransmission source ports indexed per UDP conversation (nmap retries a few times). */
    private static final int MAX_INDEXED_RETRY_PORTS = 8;
    /** Resolved or evicted conversations the answer-deadline queue may hold before it is pruned. */
    private static final int PRUNE_SLACK = 4096;

    private final long responseTimeoutNanos;
    private final AnswerDelays answerDelays;
    private final int maxConversations;
    private final AttemptListener listener;
    private final TrackerStats stats = new TrackerStats();

    private final ConversationTable table;
    /**
     * UDP conversations again, keyed by the initiator's port instead of the responder's: a TFTP
     * server (and many UDP services) answers from a fresh port to the port the client sent from.
     * A conversation leaves it when it leaves the table, so it never holds more than the table's
     * UDP probes times their retry ports.
     */
    private final ConversationTable udpByInitiatorPort;
    /** Conversations in creation order: probe deadlines are creation time + a constant. */
    private final ArrayDeque<Conversation> awaitingAnswer = new ArrayDeque<>();
    /** When the head of {@link #awaitingAnswer} is overdue (MAX_VALUE when empty): tested for every packet. */
    private long nextAnswerDeadline = Long.MAX_VALUE;
    /** Conversations by activity, for idle expiry and capacity eviction. */
    private final IdleQueue<Conversation> idle;
    private final java.util.function.Consumer<Conversation> removeExpired = this::remove;

    private long now = Long.MIN_VALUE;

    /*
     * The last lookup that found a conversation, and the last that found none. Packets come in
     * trains (a flow's segments back to back, a probe and its answer), so the next packet's
     * lookups are often the same ones: on the bench capture these answer 9.5 M of its 14.4 M
     * lookups without hashing or probing the table. A conversation found is still the table's
     * entry for its key while it is not detached (keys are unique, and only remove takes one out);
     * a key not found stays absent until the next conversation is opened (open() forgets it).
     */
    private Conversation recentFound;
    private long missAHi;
    private long missALo;
    private long missBHi;
    private long missBLo;
    /** -1 (no protocol and port is negative): no miss remembered. */
    private int missProtoPort = -1;

    public ConnectionTracker(TrackerConfig config, AttemptListener listener) {
        this.responseTimeoutNanos = config.responseTimeout().toNanos();
        this.answerDelays = new AnswerDelays(responseTimeoutNanos);
        this.idle = new IdleQueue<>(config.conversationIdle().toNanos());
        this.maxConversations = config.maxConversations();
        this.listener = listener;
        ConversationHash hash = new ConversationHash(config.hashSeed());
        this.table = new ConversationTable(hash);
        this.udpByInitiatorPort = new ConversationTable(hash);
    }

    public TrackerStats stats() {
        return stats;
    }

    /** Event time: the latest packet time seen (or advanced to). */
    public long now() {
        return now;
    }

    public int size() {
        return table.size();
    }

    public void onPacket(Packet p) {
        stats.packets++;
        advanceTo(p.timeNanos);
        switch (p.protocol) {
            case Packet.PROTO_TCP -> onTcp(p);
            case Packet.PROTO_UDP -> onUdp(p);
            case Packet.PROTO_ICMP, Packet.PROTO_ICMPV6 -> onIcmp(p);
            default -> onOtherProtocol(p);
        }
    }

    /** Moves event time forward, resolving probes whose answer is overdue and forgetting idle conversations. */
    public void advanceTo(long timeNanos) {
        if (timeNanos <= now) {
            return; // captures with several interfaces may step back a little; deadlines never do
        }
        now = timeNanos;
        if (nextAnswerDeadline <= now) {
            while (!awaitingAnswer.isEmpty() && awaitingAnswer.peekFirst().firstNanos + responseTimeoutNanos <= now) {
                Conversation c = awaitingAnswer.pollFirst();
                if (!c.isDetached()) {
                    resolveOverdue(c);
                }
            }
            answerHeadChanged();
        }
        if (idle.isDue(now)) {
            idle.expire(now, removeExpired);
        }
    }

    /**
     * The input has ended: every probe still waiting gets its outcome. A probe that waited much
     * longer than the answers in this input took is FILTERED (nmap adapts its timeouts the same
     * way); one sent too shortly before the end, or in an input with no answers at all, is UNKNOWN.
     */
    public void finish() {
        long enough = answerDelays.enoughAtEndOfInput();
        for (Conversation c : awaitingAnswer) {
            if (!c.isDetached() && c.state != Conversation.State.DONE) {
                if (c.state == Conversation.State.AWAITING_SCANNER) {
                    report(c, Technique.SYN, Outcome.OPEN);
                } else {
                    report(c, c.technique, now - c.firstNanos >= enough ? Outcome.FILTERED : Outcome.UNKNOWN);
                }
            }
        }
        awaitingAnswer.clear();
        answerHeadChanged();
    }

    // --- TCP -------------------------------------------------------------------------------

    private void onTcp(Packet p) {
        int flags = p.tcpFlags;
        // A SYN without ACK opens; it never answers (simultaneous open aside), so half of a
        // scan's packets need only the one lookup.
        boolean opening = (flags & (Packet.TCP_SYN | Packet.TCP_ACK)) == Packet.TCP_SYN;
        Conversation answered = opening ? null : find(p.dstHi, p.dstLo, p.srcHi, p.srcLo, Protocol.TCP, p.srcPort);
        if (answered != null) {
            touch(answered, p);
            onTcpAnswer(answered, flags);
            return;
        }
        Conversation own = find(p.srcHi, p.srcLo, p.dstHi, p.dstLo, Protocol.TCP, p.dstPort);
        if (own != null) {
            touch(own, p);
            onTcpContinuation(own, flags);
            return;
        }
        if (isMulticastOrBroadcast(p.dstHi, p.dstLo)) {
            stats.multicastOrBroadcast++;
            return;
        }
        Technique technique = Technique.ofTcpProbe(flags, p.payloadLength);
        boolean looksLikeServerAnswer = (flags & Packet.TCP_ACK) != 0 && p.srcPort < FIRST_EPHEMERAL_PORT
                                        && p.dstPort >= FIRST_EPHEMERAL_PORT;
        if (technique == null || looksLikeServerAnswer) {
            // SYN-ACK, RST, or a server's packet of a connection whose start we missed: remember it
            // the right way round, so the client's packets that follow are not taken for probes.
            stats.unsolicitedAnswers++;
            if ((flags & Packet.TCP_RST) == 0) {
                open(p.dstHi, p.dstLo, p.srcHi, p.srcLo, Protocol.TCP, p.srcPort, p.dstPort, null, true);
            }
            return;
        }
        open(p.srcHi, p.srcLo, p.dstHi, p.dstLo, Protocol.TCP, p.dstPort, p.srcPort, technique, false);
    }

    private void onTcpAnswer(Conversation c, int flags) {
        if (c.state == Conversation.State.PENDING) {
            if ((flags & Packet.TCP_RST) != 0) {
                report(c, c.technique, Outcome.CLOSED);
            } else if ((flags & (Packet.TCP_SYN | Packet.TCP_ACK)) == (Packet.TCP_SYN | Packet.TCP_ACK)
                       && c.technique == Technique.SYN) {
                noteAnswerDelay(c);
                c.outcome = Outcome.OPEN;
                c.state = Conversation.State.AWAITING_SCANNER;
            } else {
                // Data or ACK back: a live conversation (a FIN/NULL/Xmas probe gets no such answer).
                report(c, c.technique, Outcome.OPEN);
            }
        }
    }

    private void onTcpContinuation(Conversation c, int flags) {
        if (c.state == Conversation.State.PENDING && c.technique == Technique.SYN
            && (flags & (Packet.TCP_ACK | Packet.TCP_SYN | Packet.TCP_RST)) == Packet.TCP_ACK) {
            // The scanner acknowledges a SYN-ACK the capture missed (one-sided capture): a connect.
            report(c, Technique.CONNECT, Outcome.OPEN);
            return;
        }
        if (c.state != Conversation.State.AWAITING_SCANNER) {
            return;
        }
        if ((flags & Packet.TCP_RST) != 0) {
            report(c, Technique.SYN, Outcome.OPEN); // half-open: the scanner tore it down
        } else if ((flags & Packet.TCP_ACK) != 0 && (flags & Packet.TCP_SYN) == 0) {
            report(c, Technique.CONNECT, Outcome.OPEN);
        }
    }

    // --- UDP -------------------------------------------------------------------------------

    private void onUdp(Packet p) {
        Conversation answered = find(p.dstHi, p.dstLo, p.srcHi, p.srcLo, Protocol.UDP, p.srcPort);
        if (answered != null) {
            touch(answered, p);
            if (answered.state == Conversation.State.PENDING) {
                report(answered, Technique.UDP, Outcome.OPEN);
            }
            return;
        }
        Conversation own = find(p.srcHi, p.srcLo, p.dstHi, p.dstLo, Protocol.UDP, p.dstPort);
        if (own != null) {
            touch(own, p);
            if (!own.silent && p.srcPort != own.initiatorPort && own.otherInitiatorPorts < MAX_INDEXED_RETRY_PORTS) {
                // nmap retransmits from a new port each time; answers may come to any of them.
                if (own.retryPorts == null) {
                    own.retryPorts = new int[MAX_INDEXED_RETRY_PORTS];
                }
                own.retryPorts[own.otherInitiatorPorts++] = p.srcPort;
                indexInitiatorPort(own, p.srcPort);
            }
            return;
        }
        if (isMulticastOrBroadcast(p.dstHi, p.dstLo)) {
            stats.multicastOrBroadcast++;
            return;
        }
        Conversation asked = udpByInitiatorPort.get(p.dstHi, p.dstLo, p.srcHi, p.srcLo,
                protoPort(Protocol.UDP, p.dstPort));
        if (asked != null) {
            // An answer from another port to the port the other side just sent from.
            stats.answersFromOtherPorts++;
            open(p.dstHi, p.dstLo, p.srcHi, p.srcLo, Protocol.UDP, p.srcPort, p.dstPort, null, true);
            if (asked.state == Conversation.State.PENDING) {
                report(asked, Technique.UDP, Outcome.OPEN);
            }
            return;
        }
        if (p.srcPort < FIRST_EPHEMERAL_PORT && p.dstPort >= FIRST_EPHEMERAL_PORT) {
            // A service answering a client whose request we did not see (a resolver, NTP...).
            stats.unsolicitedAnswers++;
            open(p.dstHi, p.dstLo, p.srcHi, p.srcLo, Protocol.UDP, p.srcPort, p.dstPort, null, true);
            return;
        }
        open(p.srcHi, p.srcLo, p.dstHi, p.dstLo, Protocol.UDP, p.dstPort, p.srcPort, Technique.UDP, false);
    }

    // --- ICMP ------------------------------------------------------------------------------

    private void onIcmp(Packet p) {
        boolean v6 = p.protocol == Packet.PROTO_ICMPV6;
        int type = p.icmpType;
        if (p.hasQuote) {
            onIcmpError(p, v6);
            return;
        }
        if (type == (v6 ? ICMP6_ECHO_REQUEST : ICMP_ECHO_REQUEST)) {
            Conversation own = find(p.srcHi, p.srcLo, p.dstHi, p.dstLo, Protocol.ICMP, 0);
            if (own != null) {
                touch(own, p);
            } else if (isMulticastOrBroadcast(p.dstHi, p.dstLo)) {
                stats.multicastOrBroadcast++;
            } else {
                open(p.srcHi, p.srcLo, p.dstHi, p.dstLo, Protocol.ICMP, 0, 0, Technique.ICMP_ECHO, false);
            }
        } else if (type == (v6 ? ICMP6_ECHO_REPLY : ICMP_ECHO_REPLY)) {
            Conversation answered = find(p.dstHi, p.dstLo, p.srcHi, p.srcLo, Protocol.ICMP, 0);
            if (answered == null) {
                stats.unsolicitedAnswers++;
                return;
            }
            touch(answered, p);
            if (answered.state == Conversation.State.PENDING) {
                report(answered, Technique.ICMP_ECHO, Outcome.OPEN);
            }
        } else {
            stats.otherIcmp++;
        }
    }

    private void onIcmpError(Packet p, boolean v6) {
        int q = p.quotedProtocol;
        Conversation c;
        if (q == Packet.PROTO_TCP || q == Packet.PROTO_UDP) {
            Protocol proto = q == Packet.PROTO_TCP ? Protocol.TCP : Protocol.UDP;
            c = find(p.quotedSrcHi, p.quotedSrcLo, p.quotedDstHi, p.quotedDstLo, proto, p.quotedDstPort);
        } else if (q == Packet.PROTO_ICMP || q == Packet.PROTO_ICMPV6) {
            c = find(p.quotedSrcHi, p.quotedSrcLo, p.quotedDstHi, p.quotedDstLo, Protocol.ICMP, 0);
        } else {
            c = find(p.quotedSrcHi, p.quotedSrcLo, p.quotedDstHi, p.quotedDstLo, Protocol.IP, q);
        }
        if (c == null) {
            stats.unmatchedIcmpErrors++;
            return;
        }
        IdleQueue.touch(c, p.timeNanos);
        if (c.state != Conversation.State.PENDING) {
            return;
        }
        boolean refused = v6
                ? (p.icmpType == ICMP6_UNREACHABLE && p.icmpCode == ICMP6_UNREACH_PORT)
                  || (p.icmpType == ICMP6_PARAM_PROBLEM && p.icmpCode == ICMP6_UNRECOGNIZED_NEXT_HEADER)
                : p.icmpType == ICMP_UNREACHABLE
                  && (p.icmpCode == ICMP_UNREACH_PORT || p.icmpCode == ICMP_UNREACH_PROTOCOL);
        report(c, c.technique, refused ? Outcome.CLOSED : Outcome.FILTERED);
    }

    // --- other IP protocols (IP protocol scans) ---------------------------------------------

    private void onOtherProtocol(Packet p) {
        int number = p.protocol;
        Conversation answered = find(p.dstHi, p.dstLo, p.srcHi, p.srcLo, Protocol.IP, number);
        if (answered != null) {
            touch(answered, p);
            if (answered.state == Conversation.State.PENDING) {
                report(answered, Technique.IP_PROTO, Outcome.OPEN);
            }
            return;
        }
        Conversation own = find(p.srcHi, p.srcLo, p.dstHi, p.dstLo, Protocol.IP, number);
        if (own != null) {
            touch(own, p);
            return;
        }
        if (isMulticastOrBroadcast(p.dstHi, p.dstLo)) {
            stats.multicastOrBroadcast++; // IGMP, OSPF, VRRP, PIM: routing chatter, not probes
            return;
        }
        open(p.srcHi, p.srcLo, p.dstHi, p.dstLo, Protocol.IP, number, 0, Technique.IP_PROTO, false);
    }

    // --- table mechanics ---------------------------------------------------------------------

    private Conversation find(long aHi, long aLo, long bHi, long bLo, Protocol protocol, int port) {
        int protoPort = protoPort(protocol, port);
        Conversation c = recentFound;
        if (c != null && c.aLo == aLo && c.bLo == bLo && c.protoPort == protoPort && c.aHi == aHi && c.bHi == bHi
            && !c.isDetached()) {
            return c;
        }
        if (missALo == aLo && missBLo == bLo && missProtoPort == protoPort && missAHi == aHi
            && missBHi == bHi) {
            return null;
        }
        c = table.get(aHi, aLo, bHi, bLo, protoPort);
        if (c != null) {
            recentFound = c;
        } else {
            missAHi = aHi;
            missALo = aLo;
            missBHi = bHi;
            missBLo = bLo;
            missProtoPort = protoPort;
        }
        return c;
    }

    /** The table's packing of protocol and port: 18 bits, inside the 24 {@link ConversationTable} allows. */
    static int protoPort(Protocol protocol, int port) {
        return (protocol.ordinal() << 16) | (port & 0xFFFF);
    }

    private void open(long aHi, long aLo, long bHi, long bLo, Protocol protocol, int port, int initiatorPort,
                      Technique technique, boolean silent) {
        if (table.size() >= maxConversations) {
            evictOne();
        }
        Conversation c = new Conversation(aHi, aLo, bHi, bLo, protoPort(protocol, port), protocol, now, initiatorPort,
                technique, silent);
        table.add(c);
        missProtoPort = -1; // the key missed may be this one
        recentFound = c; // its answer is usually the next packet
        if (!silent) {
            if (awaitingAnswer.isEmpty()) {
                nextAnswerDeadline = c.firstNanos + responseTimeoutNanos;
            }
            awaitingAnswer.addLast(c);
            if (protocol == Protocol.UDP) {
                indexInitiatorPort(c, initiatorPort);
            }
        }
        idle.add(c, now);
        if (table.size() > stats.peakConversations) {
            stats.peakConversations = table.size();
        }
    }

    private static void touch(Conversation c, Packet p) {
        IdleQueue.touch(c, p.timeNanos);
    }

    private void resolveOverdue(Conversation c) {
        if (c.state == Conversation.State.PENDING) {
            report(c, c.technique, Outcome.FILTERED);
        } else if (c.state == Conversation.State.AWAITING_SCANNER) {
            report(c, Technique.SYN, Outcome.OPEN); // the scanner never completed the handshake
        }
    }

    private void evictOne() {
        Conversation c = idle.pollOldest();
        if (c == null) {
            return;
        }
        // The answer-deadline queue holds every probe of the last response timeout; evicted ones
        // must not stay reachable through it (at 500 k probes/s that was 2.5 M conversations).
        if (awaitingAnswer.size() > maxConversations + Math.max(PRUNE_SLACK, maxConversations / 8)) {
            awaitingAnswer.removeIf(x -> x.isDetached() || x.state == Conversation.State.DONE);
            answerHeadChanged();
        }
        if (c.state == Conversation.State.PENDING) {
            report(c, c.technique, Outcome.UNKNOWN);
        } else if (c.state == Conversation.State.AWAITING_SCANNER) {
            report(c, Technique.SYN, Outcome.OPEN);
        }
        remove(c);
        stats.evictions++;
    }

    private void indexInitiatorPort(Conversation c, int port) {
        udpByInitiatorPort.put(c, protoPort(Protocol.UDP, port));
    }

    private void remove(Conversation c) {
        c.detach();
        table.remove(c);
        if (c.protocol == Protocol.UDP && !c.silent) {
            udpByInitiatorPort.remove(c, protoPort(Protocol.UDP, c.initiatorPort));
            for (int k = 0; k < c.otherInitiatorPorts; k++) {
                udpByInitiatorPort.remove(c, protoPort(Protocol.UDP, c.retryPorts[k]));
            }
        }
    }

    private void report(Conversation c, Technique technique, Outcome outcome) {
        if ((outcome == Outcome.OPEN || outcome == Outcome.CLOSED) && c.state == Conversation.State.PENDING) {
            noteAnswerDelay(c);
        }
        c.state = Conversation.State.DONE;
        c.technique = technique;
        c.outcome = outcome;
        stats.attempts++;
        listener.onAttempt(c.firstNanos, c.aHi, c.aLo, c.bHi, c.bLo, c.protocol, c.protoPort & 0xFFFF,
                c.initiatorPort, technique, outcome);
    }

    private void answerHeadChanged() {
        Conversation head = awaitingAnswer.peekFirst();
        nextAnswerDeadline = head == null ? Long.MAX_VALUE : head.firstNanos + responseTimeoutNanos;
    }

    private void noteAnswerDelay(Conversation c) {
        answerDelays.answered(now - c.firstNanos);
    }

    static boolean isMulticastOrBroadcast(long hi, long lo) {
        if (IpAddress.isV4(hi, lo)) {
            int v4 = (int) lo;
            return (v4 >>> 28) == 0xE || v4 == -1; // 224.0.0.0/4 and 255.255.255.255
        }
        return (hi >>> 56) == 0xFF; // ff00::/8
    }
}
