package dev.scanwatch.io.capture;

/**
 * What a capture read found, frame by frame. Mutable: the reader bumps the package-private fields
 * directly on the hot path; everyone else uses the getters.
 */
public final class CaptureStats {

    long frames;
    long capturedBytes;
    long ipPackets;
    long nonIpFrames;
    long fragmentsSkipped;
    long truncatedFrames;
    long unsupportedLinkFrames;
    long malformedFrames;
    long unknownBlocksSkipped;
    int interfaces;

    /** Frames (packet records or packet blocks) read from the capture. */
    public long frames() {
        return frames;
    }

    /** Captured bytes of those frames (the snap-length-limited size, link headers included). */
    public long capturedBytes() {
        return capturedBytes;
    }

    /** IP packets decoded and handed to the handler. */
    public long ipPackets() {
        return ipPackets;
    }

    /** Frames that carry no IP: ARP, LLDP, 802.3/LLC and the like. */
    public long nonIpFrames() {
        return nonIpFrames;
    }

    /** Non-first IP fragments, skipped because they carry no transport header. */
    public long fragmentsSkipped() {
        return fragmentsSkipped;
    }

    /** Frames that end (snap length) before the headers the decoder needs. */
    public long truncatedFrames() {
        return truncatedFrames;
    }

    /** Frames of a link type the decoder does not know. */
    public long unsupportedLinkFrames() {
        return unsupportedLinkFrames;
    }

    /** Frames whose IP or transport header contradicts itself. */
    public long malformedFrames() {
        return malformedFrames;
    }

    /** pcapng blocks of a type the reader does not know, skipped. */
    public long unknownBlocksSkipped() {
        return unknownBlocksSkipped;
    }

    /** Interfaces described: 1 for classic pcap, the number of interface blocks for pcapng. */
    public int interfaces() {
        return interfaces;
    }

    /** One line, e.g. "1200 frames, 98304 bytes, 1180 IP packets, 20 non-IP, 1 interface". */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(frames).append(frames == 1 ? " frame, " : " frames, ")
          .append(capturedBytes).append(" bytes, ")
          .append(ipPackets).append(" IP packets");
        appendIfAny(sb, nonIpFrames, "non-IP");
        appendIfAny(sb, fragmentsSkipped, "fragments skipped");
        appendIfAny(sb, truncatedFrames, "truncated");
        appendIfAny(sb, unsupportedLinkFrames, "unsupported link type");
        appendIfAny(sb, malformedFrames, "malformed");
        appendIfAny(sb, unknownBlocksSkipped, "unknown blocks skipped");
        sb.append(", ").append(interfaces).append(interfaces == 1 ? " interface" : " interfaces");
        return sb.toString();
    }

    private static void appendIfAny(StringBuilder sb, long count, String what) {
        if (count != 0) {
            sb.append(", ").append(count).append(' ').append(what);
        }
    }

    @Override
    public String toString() {
        return describe();
    }
}
