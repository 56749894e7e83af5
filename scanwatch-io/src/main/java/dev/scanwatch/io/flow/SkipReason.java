package dev.scanwatch.io.flow;

/** Why a flow record did not become an attempt of its own. */
public enum SkipReason {
    /** Only the answering side spoke (SYN-ACK, RST, echo reply, ICMP error): backscatter, never a probe. */
    ANSWER_ONLY("answers only"),
    /** The reverse half of a one-directional record, merged into its probe's attempt (nfdump), or an ICMP error matched to its probe (Argus). */
    PAIRED_ANSWER("paired answers"),
    /** Destination is multicast or broadcast: discovery chatter, not a probe. */
    MULTICAST("multicast/broadcast"),
    /** Argus management records (proto "man"). */
    MANAGEMENT("management records"),
    /** A protocol other than TCP, UDP and ICMP (ARP, GRE, named IP protocols...). */
    UNSUPPORTED_PROTOCOL("unsupported protocol"),
    /** ICMP other than an echo request (time exceeded, router advertisements...). */
    OTHER_ICMP("other ICMP"),
    /** A binary record with no flow in it (an nfdump event or option record). */
    NOT_A_FLOW("records without a flow"),
    /** A data line (or binary record) that could not be parsed. */
    MALFORMED("malformed");

    private final String label;

    SkipReason(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
