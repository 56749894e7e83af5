package dev.scanwatch.io.decode;

/** What {@link FrameDecoder} made of one frame; the capture reader counts each outcome. */
public enum DecodeResult {
    /** An IP packet was decoded into the {@link dev.scanwatch.core.packet.Packet}. */
    DECODED,
    /** A frame that carries no IP (ARP, LLDP, 802.3/LLC, other address families). */
    NOT_IP,
    /** A non-first IP fragment: it has no transport header, so it is skipped. */
    FRAGMENT,
    /** The frame ends (snap length) before the headers we need. */
    TRUNCATED,
    /** A link type this decoder does not know. */
    UNSUPPORTED_LINK,
    /** Header fields that contradict each other (bad IHL, lengths shorter than headers, wrong version). */
    MALFORMED
}
