package dev.scanwatch.core.model;

import dev.scanwatch.core.packet.Packet;

/** How a probe was made, as told by its protocol and TCP flags (DESIGN §2). */
public enum Technique {
    SYN("syn"),
    /** A SYN whose handshake the scanner completed (connect() scan). */
    CONNECT("connect"),
    FIN("fin"),
    NULL("null"),
    XMAS("xmas"),
    ACK("ack"),
    /** nmap -sW sends the same bare ACKs as -sA; only the replies differ. */
    WINDOW("window"),
    MAIMON("maimon"),
    /** Data, or ACK with PSH/URG, with no handshake seen. */
    MIDSTREAM("midstream"),
    /** SYN together with FIN: an old firewall-evasion trick, reported as such. */
    SYN_FIN("syn_fin"),
    /** Any other flag set that no stack sends to open a conversation. */
    ODD_FLAGS("odd_flags"),
    UDP("udp"),
    ICMP_ECHO("icmp_echo"),
    IP_PROTO("ip_proto");

    private static final int CLASSIC = 0x3F; // FIN SYN RST PSH ACK URG; ECE/CWR only matter for ECN
    private static final int F_FIN = Packet.TCP_FIN;
    private static final int F_SYN = Packet.TCP_SYN;
    private static final int F_RST = Packet.TCP_RST;
    private static final int F_PSH = Packet.TCP_PSH;
    private static final int F_ACK = Packet.TCP_ACK;
    private static final int F_URG = Packet.TCP_URG;

    private final String label;

    Technique(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /**
     * The technique of a TCP packet that opens contact, or null when the packet cannot be a
     * probe (RST, SYN-ACK: those are answers, or backscatter of someone else's flood).
     */
    public static Technique ofTcpProbe(int flags, int payloadLength) {
        int f = flags & CLASSIC;
        if (f == CLASSIC) {
            return XMAS; // "full Xmas": every flag lit
        }
        if ((f & F_RST) != 0) {
            return null;
        }
        if ((f & F_SYN) != 0) {
            if ((f & F_ACK) != 0) {
                return null;
            }
            return (f & F_FIN) != 0 ? SYN_FIN : SYN;
        }
        if ((f & F_ACK) != 0) {
            if (payloadLength > 0 || (f & (F_PSH | F_URG)) != 0) {
                return MIDSTREAM;
            }
            return (f & F_FIN) != 0 ? MAIMON : ACK;
        }
        if (f == 0) {
            return NULL; // also hping3 -Y: only CWR/ECE, none of the classic six
        }
        if (f == F_FIN) {
            return FIN;
        }
        if ((f & (F_FIN | F_PSH | F_URG)) == (F_FIN | F_PSH | F_URG)) {
            return XMAS;
        }
        return payloadLength > 0 ? MIDSTREAM : ODD_FLAGS;
    }

    public static Technique byLabel(String label) {
        for (Technique t : values()) {
            if (t.label.equals(label)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown technique '" + label + "'");
    }
}
