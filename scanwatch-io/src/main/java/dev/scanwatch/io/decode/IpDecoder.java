package dev.scanwatch.io.decode;

import static dev.scanwatch.io.decode.Bytes.u16;
import static dev.scanwatch.io.decode.Bytes.u8;

import dev.scanwatch.core.net.IpAddress;
import dev.scanwatch.core.packet.Packet;
import java.nio.ByteBuffer;

/** Decodes an IPv4 or IPv6 header (IPv6 extension headers skipped), then the transport header. */
final class IpDecoder {

    static final int ANY_VERSION = 0;

    static final int IPV4_MIN_HEADER = 20;
    static final int IPV4_FRAGMENT = 6;
    static final int IPV4_TTL = 8;
    static final int IPV4_PROTOCOL = 9;
    static final int IPV4_SRC = 12;
    static final int IPV4_DST = 16;
    static final int IPV4_FRAGMENT_OFFSET_MASK = 0x1FFF;

    static final int IPV6_HEADER = 40;
    static final int IPV6_PAYLOAD_LENGTH = 4;
    static final int IPV6_NEXT_HEADER = 6;
    static final int IPV6_SRC = 8;
    static final int IPV6_DST = 24;

    private IpDecoder() {
    }

    /**
     * @param version the version the link layer announced (4 or 6), or {@link #ANY_VERSION} for
     *     raw IP, where the first nibble decides
     */
    static DecodeResult decode(ByteBuffer buf, int offset, int end, int version, Packet out, PayloadSpan span) {
        if (end - offset < 1) {
            return DecodeResult.TRUNCATED;
        }
        int actual = u8(buf, offset) >>> 4;
        if (version != ANY_VERSION && actual != version) {
            return DecodeResult.MALFORMED;
        }
        if (actual == 4) {
            return ipv4(buf, offset, end, out, span);
        }
        if (actual == 6) {
            return ipv6(buf, offset, end, out, span);
        }
        return DecodeResult.MALFORMED;
    }

    private static DecodeResult ipv4(ByteBuffer buf, int offset, int end, Packet out, PayloadSpan span) {
        if (end - offset < IPV4_MIN_HEADER) {
            return DecodeResult.TRUNCATED;
        }
        // The fixed header in three reads here, not six: each read of a buffer checks its bounds,
        // and those checks were a tenth of reading and decoding.
        long first = buf.getLong(offset);                   // version and IHL .. flags and fragment offset
        long second = buf.getLong(offset + IPV4_TTL);       // TTL, protocol, checksum, source
        int dst = buf.getInt(offset + IPV4_DST);
        int headerLength = (int) (first >>> 56 & 0x0F) * 4;
        int totalLength = (int) (first >>> 32 & 0xFFFF);
        if (totalLength == 0) {
            // Segmentation offload on the capturing host can leave the length unset; trust the frame.
            totalLength = end - offset;
        }
        if (headerLength < IPV4_MIN_HEADER || totalLength < headerLength) {
            return DecodeResult.MALFORMED;
        }
        out.ipVersion = 4;
        out.srcHi = 0;
        out.srcLo = IpAddress.v4Lo((int) second);
        out.dstHi = 0;
        out.dstLo = IpAddress.v4Lo(dst);
        out.protocol = (int) (second >>> 48 & 0xFF);
        if ((first & IPV4_FRAGMENT_OFFSET_MASK) != 0) {
            return DecodeResult.FRAGMENT;
        }
        if (end - offset < headerLength) {
            return DecodeResult.TRUNCATED;
        }
        // Ethernet pads short frames: the IP length, not the frame, says where the packet ends.
        int packetEnd = Math.min(end, offset + totalLength);
        return TransportDecoder.decode(out.protocol, buf, offset + headerLength, packetEnd,
                totalLength - headerLength, out, span);
    }

    private static DecodeResult ipv6(ByteBuffer buf, int offset, int end, Packet out, PayloadSpan span) {
        if (end - offset < IPV6_HEADER) {
            return DecodeResult.TRUNCATED;
        }
        out.ipVersion = 6;
        out.srcHi = buf.getLong(offset + IPV6_SRC);
        out.srcLo = buf.getLong(offset + IPV6_SRC + 8);
        out.dstHi = buf.getLong(offset + IPV6_DST);
        out.dstLo = buf.getLong(offset + IPV6_DST + 8);
        int payloadLength = u16(buf, offset + IPV6_PAYLOAD_LENGTH);
        int declaredEnd = payloadLength == 0
                // Jumbograms and offloaded segments carry 0 here; the frame is all we know.
                ? end
                : offset + IPV6_HEADER + payloadLength;
        int next = u8(buf, offset + IPV6_NEXT_HEADER);
        int at = offset + IPV6_HEADER;
        while (true) {
            int length = Ipv6Extensions.length(next, buf, at, end);
            if (length == Ipv6Extensions.NOT_EXTENSION) {
                break;
            }
            if (length == Ipv6Extensions.TRUNCATED) {
                out.protocol = next;
                return DecodeResult.TRUNCATED;
            }
            if (next == Ipv6Extensions.FRAGMENT && Ipv6Extensions.isNonFirstFragment(buf, at)) {
                out.protocol = u8(buf, at);
                return DecodeResult.FRAGMENT;
            }
            next = u8(buf, at);
            at += length;
        }
        out.protocol = next;
        if (at > declaredEnd) {
            return DecodeResult.MALFORMED;
        }
        return TransportDecoder.decode(next, buf, at, Math.min(end, declaredEnd), declaredEnd - at, out, span);
    }
}
