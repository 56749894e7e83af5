package dev.scanwatch.io.decode;

import static dev.scanwatch.io.decode.Bytes.u16;
import static dev.scanwatch.io.decode.Bytes.u8;

import dev.scanwatch.core.packet.Packet;
import java.nio.ByteBuffer;

/** Decodes the TCP, UDP, ICMP or ICMPv6 header after the IP header. */
final class TransportDecoder {

    /** Through the flags byte: ports, sequence and acknowledgement numbers, offset, flags. */
    static final int TCP_MIN_CAPTURED = 14;
    static final int TCP_MIN_HEADER = 20;
    static final int TCP_DATA_OFFSET = 12;
    static final int TCP_WINDOW = 14;
    static final int UDP_HEADER = 8;
    static final int ICMP_HEADER = 8;
    static final int ICMP_ID = 4;

    static final int ICMP_ECHO_REPLY = 0;
    static final int ICMP_UNREACHABLE = 3;
    static final int ICMP_SOURCE_QUENCH = 4;
    static final int ICMP_REDIRECT = 5;
    static final int ICMP_ECHO_REQUEST = 8;
    static final int ICMP_TIME_EXCEEDED = 11;
    static final int ICMP_PARAMETER_PROBLEM = 12;

    static final int ICMPV6_UNREACHABLE = 1;
    static final int ICMPV6_PARAMETER_PROBLEM = 4;
    static final int ICMPV6_ECHO_REQUEST = 128;
    static final int ICMPV6_ECHO_REPLY = 129;

    private TransportDecoder() {
    }

    /**
     * @param at     where the transport header starts
     * @param end    end of the captured bytes of this IP packet
     * @param length transport header plus payload, as the IP header lengths say
     * @param span   when not null, receives where a UDP packet's captured payload lies
     */
    static DecodeResult decode(int protocol, ByteBuffer buf, int at, int end, int length, Packet out,
                               PayloadSpan span) {
        if (length < minimumHeader(protocol)) {
            // The IP length leaves no room for the header: a bare probe (nmap -sO sends ICMPv6
            // over IPv4 with no payload), not a snap-length cut. Counted with its protocol only.
            out.payloadLength = length;
            return DecodeResult.DECODED;
        }
        switch (protocol) {
            case Packet.PROTO_TCP:
                return tcp(buf, at, end, length, out);
            case Packet.PROTO_UDP:
                return udp(buf, at, end, length, out, span);
            case Packet.PROTO_ICMP:
            case Packet.PROTO_ICMPV6:
                return icmp(protocol, buf, at, end, length, out);
            default:
                // Protocol scans (nmap -sO) send bare IP headers: still a packet worth counting.
                out.payloadLength = length;
                return DecodeResult.DECODED;
        }
    }

    private static int minimumHeader(int protocol) {
        switch (protocol) {
            case Packet.PROTO_TCP:
                return TCP_MIN_HEADER;
            case Packet.PROTO_UDP:
                return UDP_HEADER;
            case Packet.PROTO_ICMP:
            case Packet.PROTO_ICMPV6:
                return ICMP_HEADER;
            default:
                return 0;
        }
    }

    private static DecodeResult tcp(ByteBuffer buf, int at, int end, int length, Packet out) {
        if (end - at < TCP_MIN_CAPTURED) {
            return DecodeResult.TRUNCATED;
        }
        // Ports in one read, offset, flags and window in another (fewer bounds checks, as in IpDecoder).
        int ports = buf.getInt(at);
        out.srcPort = ports >>> 16;
        out.dstPort = ports & 0xFFFF;
        int offsetAndFlags;
        if (end - at >= TCP_WINDOW + 2) {
            int word = buf.getInt(at + TCP_DATA_OFFSET);
            out.tcpWindow = word & 0xFFFF;
            offsetAndFlags = word >>> 16;
        } else {
            offsetAndFlags = u16(buf, at + TCP_DATA_OFFSET);
        }
        out.tcpFlags = offsetAndFlags & 0xFF;
        int headerLength = (offsetAndFlags >>> 12) * 4;
        if (headerLength < TCP_MIN_HEADER || length < headerLength) {
            // Shorter than its own data offset says: a contradiction, not a bare probe.
            return DecodeResult.MALFORMED;
        }
        out.payloadLength = length - headerLength;
        return DecodeResult.DECODED;
    }

    private static DecodeResult udp(ByteBuffer buf, int at, int end, int length, Packet out, PayloadSpan span) {
        if (end - at < UDP_HEADER) {
            return DecodeResult.TRUNCATED;
        }
        int ports = buf.getInt(at);
        out.srcPort = ports >>> 16;
        out.dstPort = ports & 0xFFFF;
        out.payloadLength = length - UDP_HEADER;
        if (span != null) {
            span.set(at + UDP_HEADER, Math.max(0, end - at - UDP_HEADER));
        }
        return DecodeResult.DECODED;
    }

    private static DecodeResult icmp(int protocol, ByteBuffer buf, int at, int end, int length, Packet out) {
        if (end - at < ICMP_HEADER) {
            return DecodeResult.TRUNCATED;
        }
        int type = u8(buf, at);
        out.icmpType = type;
        out.icmpCode = u8(buf, at + 1);
        out.payloadLength = length - ICMP_HEADER;
        boolean v6 = protocol == Packet.PROTO_ICMPV6;
        if (isEcho(type, v6)) {
            out.icmpId = u16(buf, at + ICMP_ID);
        } else if (isError(type, v6)) {
            QuoteDecoder.decode(buf, at + ICMP_HEADER, end, out);
        }
        return DecodeResult.DECODED;
    }

    private static boolean isEcho(int type, boolean v6) {
        return v6
                ? type == ICMPV6_ECHO_REQUEST || type == ICMPV6_ECHO_REPLY
                : type == ICMP_ECHO_REQUEST || type == ICMP_ECHO_REPLY;
    }

    /** Error messages quote the offending packet's IP header and at least 8 bytes after it. */
    private static boolean isError(int type, boolean v6) {
        if (v6) {
            return type >= ICMPV6_UNREACHABLE && type <= ICMPV6_PARAMETER_PROBLEM;
        }
        switch (type) {
            case ICMP_UNREACHABLE:
            case ICMP_SOURCE_QUENCH:
            case ICMP_REDIRECT:
            case ICMP_TIME_EXCEEDED:
            case ICMP_PARAMETER_PROBLEM:
                return true;
            default:
                return false;
        }
    }
}
