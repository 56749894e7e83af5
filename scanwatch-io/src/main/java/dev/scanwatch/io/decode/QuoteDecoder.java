package dev.scanwatch.io.decode;

import static dev.scanwatch.io.decode.Bytes.u16;
import static dev.scanwatch.io.decode.Bytes.u8;

import dev.scanwatch.core.net.IpAddress;
import dev.scanwatch.core.packet.Packet;
import java.nio.ByteBuffer;

/**
 * Decodes the packet quoted inside an ICMP or ICMPv6 error into the {@code quoted*} fields, so a
 * port-unreachable can be tied to the probe that caused it. A quote too short for the inner IP
 * addresses is ignored (hasQuote stays false); ports are filled only when the quote holds them.
 */
final class QuoteDecoder {

    private static final int PORTS = 4;

    private QuoteDecoder() {
    }

    static void decode(ByteBuffer buf, int at, int end, Packet out) {
        if (end - at < 1) {
            return;
        }
        int version = u8(buf, at) >>> 4;
        if (version == 4) {
            ipv4(buf, at, end, out);
        } else if (version == 6) {
            ipv6(buf, at, end, out);
        }
    }

    private static void ipv4(ByteBuffer buf, int at, int end, Packet out) {
        if (end - at < IpDecoder.IPV4_MIN_HEADER) {
            return;
        }
        int headerLength = (u8(buf, at) & 0x0F) * 4;
        if (headerLength < IpDecoder.IPV4_MIN_HEADER) {
            return;
        }
        out.hasQuote = true;
        out.quotedProtocol = u8(buf, at + IpDecoder.IPV4_PROTOCOL);
        out.quotedSrcHi = 0;
        out.quotedSrcLo = IpAddress.v4Lo(buf.getInt(at + IpDecoder.IPV4_SRC));
        out.quotedDstHi = 0;
        out.quotedDstLo = IpAddress.v4Lo(buf.getInt(at + IpDecoder.IPV4_DST));
        boolean firstFragment = (u16(buf, at + IpDecoder.IPV4_FRAGMENT) & IpDecoder.IPV4_FRAGMENT_OFFSET_MASK) == 0;
        if (firstFragment) {
            ports(buf, at + headerLength, end, out);
        }
    }

    private static void ipv6(ByteBuffer buf, int at, int end, Packet out) {
        if (end - at < IpDecoder.IPV6_HEADER) {
            return;
        }
        out.hasQuote = true;
        out.quotedSrcHi = buf.getLong(at + IpDecoder.IPV6_SRC);
        out.quotedSrcLo = buf.getLong(at + IpDecoder.IPV6_SRC + 8);
        out.quotedDstHi = buf.getLong(at + IpDecoder.IPV6_DST);
        out.quotedDstLo = buf.getLong(at + IpDecoder.IPV6_DST + 8);
        int next = u8(buf, at + IpDecoder.IPV6_NEXT_HEADER);
        int p = at + IpDecoder.IPV6_HEADER;
        while (true) {
            int length = Ipv6Extensions.length(next, buf, p, end);
            if (length == Ipv6Extensions.NOT_EXTENSION) {
                break;
            }
            if (length == Ipv6Extensions.TRUNCATED
                    || (next == Ipv6Extensions.FRAGMENT && Ipv6Extensions.isNonFirstFragment(buf, p))) {
                // The quote ends inside the extension chain, or quotes a fragment without ports.
                out.quotedProtocol = next;
                return;
            }
            next = u8(buf, p);
            p += length;
        }
        out.quotedProtocol = next;
        ports(buf, p, end, out);
    }

    private static void ports(ByteBuffer buf, int at, int end, Packet out) {
        int protocol = out.quotedProtocol;
        if ((protocol == Packet.PROTO_TCP || protocol == Packet.PROTO_UDP) && end - at >= PORTS) {
            out.quotedSrcPort = u16(buf, at);
            out.quotedDstPort = u16(buf, at + 2);
        }
    }
}
