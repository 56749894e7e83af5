package dev.scanwatch.io.flow;

import dev.scanwatch.core.packet.Packet;

/** TCP flag sets as flow logs print them, to the bit values of {@link Packet}. */
final class TcpFlags {

    static final int FIN = Packet.TCP_FIN;
    static final int SYN = Packet.TCP_SYN;
    static final int RST = Packet.TCP_RST;
    static final int PSH = Packet.TCP_PSH;
    static final int ACK = Packet.TCP_ACK;
    static final int URG = Packet.TCP_URG;
    static final int ECE = Packet.TCP_ECE;
    static final int CWR = Packet.TCP_CWR;

    /** nfdump prints eight positions "CEUAPRSF" (older versions six, "UAPRSF"), right-aligned; '.' is unset. */
    private static final String NFDUMP_POSITIONS = "CEUAPRSF";

    private TcpFlags() {
    }

    /** Argus flag letters ("SRPA", "FSPA", "" for none); letters Argus uses for other things are ignored. */
    static int argusLetters(String letters) {
        int flags = 0;
        for (int i = 0; i < letters.length(); i++) {
            flags |= letter(Character.toUpperCase(letters.charAt(i)));
        }
        return flags;
    }

    /** nfdump "flg" ("...A..S.", ".AP.SF"), or -1 when it is not a flag column value. */
    static int nfdump(String text) {
        int n = text.length();
        if (n == 0 || n > NFDUMP_POSITIONS.length()) {
            return -1;
        }
        int flags = 0;
        for (int i = 0; i < n; i++) {
            char c = Character.toUpperCase(text.charAt(i));
            if (c == '.' || c == '0') {
                continue;
            }
            char expected = NFDUMP_POSITIONS.charAt(NFDUMP_POSITIONS.length() - n + i);
            if (c != expected) {
                return -1;
            }
            flags |= letter(c);
        }
        return flags;
    }

    /**
     * The flags one side of a Zeek connection sent, from its history: upper case is the
     * originator, lower case the responder; 'H' is a SYN-ACK, 'D' data (so ACK), 'Q' a
     * multi-flag SYN packet (SYN+FIN or SYN+RST: taken as SYN+FIN, the probe-like one).
     */
    static int zeekHistory(String history, boolean originator) {
        int flags = 0;
        for (int i = 0; i < history.length(); i++) {
            char c = history.charAt(i);
            if (Character.isUpperCase(c) != originator || !Character.isLetter(c)) {
                continue;
            }
            switch (Character.toUpperCase(c)) {
                case 'S' -> flags |= SYN;
                case 'H' -> flags |= SYN | ACK;
                case 'A', 'D' -> flags |= ACK;
                case 'F' -> flags |= FIN;
                case 'R' -> flags |= RST;
                case 'Q' -> flags |= SYN | FIN;
                default -> {
                    // C (bad checksum), T (retransmission), W (zero window), I, G: no flag information
                }
            }
        }
        return flags;
    }

    /** Whether one side of a Zeek history sent a letter that stands for a packet (anything but '^'). */
    static boolean zeekSideSpoke(String history, boolean originator) {
        for (int i = 0; i < history.length(); i++) {
            char c = history.charAt(i);
            if (Character.isLetter(c) && Character.isUpperCase(c) == originator) {
                return true;
            }
        }
        return false;
    }

    /** Whether a Zeek history shows payload from one side ('D' or 'd'). */
    static boolean zeekData(String history, boolean originator) {
        return history.indexOf(originator ? 'D' : 'd') >= 0;
    }

    static boolean has(int flags, int flag) {
        return (flags & flag) == flag;
    }

    private static int letter(char c) {
        return switch (c) {
            case 'F' -> FIN;
            case 'S' -> SYN;
            case 'R' -> RST;
            case 'P' -> PSH;
            case 'A' -> ACK;
            case 'U' -> URG;
            case 'E' -> ECE;
            case 'C' -> CWR;
            default -> 0;
        };
    }
}
