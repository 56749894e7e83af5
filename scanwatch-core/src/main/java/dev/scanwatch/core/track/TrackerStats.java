package dev.scanwatch.core.track;

/** Counters of what the tracker saw and did: nothing is dropped without being counted here. */
public final class TrackerStats {
    long packets;
    long attempts;
    long unsolicitedAnswers;
    long unmatchedIcmpErrors;
    long answersFromOtherPorts;
    long multicastOrBroadcast;
    long otherIcmp;
    long evictions;
    long peakConversations;

    public long packets() { return packets; }
    /** First contacts reported to the detectors. */
    public long attempts() { return attempts; }
    /** Conversations opened by an answer (SYN-ACK, RST, echo reply, a server port speaking first): backscatter or a missed start. */
    public long unsolicitedAnswers() { return unsolicitedAnswers; }
    /** UDP answers sent from another port to the port the asker used (TFTP and the like). */
    public long answersFromOtherPorts() { return answersFromOtherPorts; }
    /** ICMP errors quoting a packet the tracker never saw. */
    public long unmatchedIcmpErrors() { return unmatchedIcmpErrors; }
    /** Packets to multicast or broadcast addresses, which cannot be probes of one host. */
    public long multicastOrBroadcast() { return multicastOrBroadcast; }
    /** ICMP messages that are neither echo nor errors (neighbour discovery, timestamps...). */
    public long otherIcmp() { return otherIcmp; }
    /** Conversations pushed out by the table's capacity before they went idle. */
    public long evictions() { return evictions; }
    public long peakConversations() { return peakConversations; }

    public String describe() {
        return "packets=" + packets + " attempts=" + attempts + " unsolicited_answers=" + unsolicitedAnswers
               + " answers_from_other_ports=" + answersFromOtherPorts + " unmatched_icmp_errors=" + unmatchedIcmpErrors + " multicast=" + multicastOrBroadcast
               + " other_icmp=" + otherIcmp + " evictions=" + evictions + " peak_conversations=" + peakConversations;
    }
}
