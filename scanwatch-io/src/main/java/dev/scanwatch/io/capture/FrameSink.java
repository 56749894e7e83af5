package dev.scanwatch.io.capture;

import dev.scanwatch.core.packet.Packet;
import dev.scanwatch.io.decode.FrameDecoder;
import dev.scanwatch.io.decode.PayloadSpan;
import java.nio.ByteBuffer;

/** Decodes each frame into the one reused {@link Packet}, counts the outcome, feeds the handler. */
final class FrameSink {

    private final Packet packet = new Packet();
    private final PacketHandler handler;
    private final CaptureStats stats;
    /**
     * Set when the handler wants UDP payloads (InputReader's flow-export check does, for every
     * capture it reads); null keeps the plain path untouched.
     */
    private final UdpPayloadHandler udpHandler;
    private final PayloadSpan span;

    FrameSink(PacketHandler handler, CaptureStats stats) {
        this.handler = handler;
        this.stats = stats;
        this.udpHandler = handler instanceof UdpPayloadHandler ? (UdpPayloadHandler) handler : null;
        this.span = udpHandler != null ? new PayloadSpan() : null;
    }

    CaptureStats stats() {
        return stats;
    }

    void frame(int linkType, ByteBuffer buf, int offset, int capturedLength, long timeNanos) {
        stats.frames++;
        stats.capturedBytes += capturedLength;
        switch (FrameDecoder.decode(linkType, buf, offset, capturedLength, packet, span)) {
            case DECODED:
                stats.ipPackets++;
                packet.timeNanos = timeNanos;
                if (span != null && span.isSet()) {
                    udpHandler.onUdpPacket(packet, buf, span.offset(), span.length());
                } else {
                    handler.onPacket(packet);
                }
                break;
            case NOT_IP:
                stats.nonIpFrames++;
                break;
            case FRAGMENT:
                stats.fragmentsSkipped++;
                break;
            case TRUNCATED:
                stats.truncatedFrames++;
                break;
            case UNSUPPORTED_LINK:
                stats.unsupportedLinkFrames++;
                break;
            case MALFORMED:
                stats.malformedFrames++;
                break;
            default:
                throw new AssertionError("unhandled decode result");
        }
    }
}
