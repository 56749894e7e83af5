package dev.scanwatch.io.decode;

/**
 * The LINKTYPE_ values (tcpdump.org/linktypes.html) that {@link FrameDecoder} understands, as
 * they appear in pcap file headers and pcapng interface blocks.
 */
public final class LinkType {

    /** BSD loopback: a 4-byte address family in the capturing host's byte order. */
    public static final int NULL = 0;
    public static final int ETHERNET = 1;
    /** Raw IP as written by some BSDs (DLT_RAW was 12 on some systems, 14 on OpenBSD). */
    public static final int RAW_12 = 12;
    public static final int RAW_14 = 14;
    /** Raw IP; the version comes from the first nibble. */
    public static final int RAW = 101;
    /** OpenBSD loopback: like {@link #NULL} but the address family is in network byte order. */
    public static final int LOOP = 108;
    public static final int LINUX_SLL = 113;
    public static final int IPV4 = 228;
    public static final int IPV6 = 229;
    public static final int LINUX_SLL2 = 276;

    private LinkType() {
    }

    /** A short name for messages, e.g. "EN10MB", or "LINKTYPE_n" for one we do not know. */
    public static String name(int linkType) {
        switch (linkType) {
            case NULL: return "NULL";
            case ETHERNET: return "EN10MB";
            case RAW_12:
            case RAW_14:
            case RAW: return "RAW";
            case LOOP: return "LOOP";
            case LINUX_SLL: return "LINUX_SLL";
            case IPV4: return "IPV4";
            case IPV6: return "IPV6";
            case LINUX_SLL2: return "LINUX_SLL2";
            default: return "LINKTYPE_" + linkType;
        }
    }

    /** True when {@link FrameDecoder} can decode frames of this link type. */
    public static boolean isSupported(int linkType) {
        switch (linkType) {
            case NULL:
            case ETHERNET:
            case RAW_12:
            case RAW_14:
            case RAW:
            case LOOP:
            case LINUX_SLL:
            case IPV4:
            case IPV6:
            case LINUX_SLL2:
                return true;
            default:
                return false;
        }
    }
}
