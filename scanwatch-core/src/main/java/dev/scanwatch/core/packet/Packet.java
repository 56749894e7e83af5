package dev.scanwatch.core.packet;

import dev.scanwatch.core.net.IpAddress;

/**
 * One decoded packet, as far as scan detection needs it: a mutable flyweight that a decoder
 * fills in place for every frame, so that the hot path allocates nothing per packet.
 *
 * <p>Addresses use the two-long form of {@link IpAddress} (IPv4 mapped into IPv6). Fields that
 * do not apply to the packet's protocol are left at zero. The tracker must copy what it keeps:
 * the same instance is refilled for the next frame.
 */
public final class Packet {

    public static final int PROTO_ICMP = 1;
    public static final int PROTO_TCP = 6;
    public static final int PROTO_UDP = 17;
    public static final int PROTO_ICMPV6 = 58;

    public static final int TCP_FIN = 0x01;
    public static final int TCP_SYN = 0x02;
    public static final int TCP_RST = 0x04;
    public static final int TCP_PSH = 0x08;
    public static final int TCP_ACK = 0x10;
    public static final int TCP_URG = 0x20;
    public static final int TCP_ECE = 0x40;
    public static final int TCP_CWR = 0x80;

    /** Capture time, nanoseconds since the Unix epoch (event time). */
    public long timeNanos;
    /** 4 or 6. */
    public int ipVersion;
    public long srcHi;
    public long srcLo;
    public long dstHi;
    public long dstLo;
    /** The upper-layer protocol number, after any IPv6 extension headers. */
    public int protocol;
    /** TCP/UDP ports; zero for other protocols. */
    public int srcPort;
    public int dstPort;
    /** TCP flag byte (FIN..CWR); zero for other protocols. */
    public int tcpFlags;
    public int tcpWindow;
    /** Bytes of upper-layer payload as the IP length says (not limited by the snap length). */
    public int payloadLength;
    /** ICMP or ICMPv6 type and code; -1 when the packet is not ICMP. */
    public int icmpType = -1;
    public int icmpCode = -1;
    /** ICMP echo identifier (v4 and v6), so echo replies can be paired with requests. */
    public int icmpId;

    /** True when this ICMP error quotes the header of the packet it answers. */
    public boolean hasQuote;
    public int quotedProtocol;
    public long quotedSrcHi;
    public long quotedSrcLo;
    public long quotedDstHi;
    public long quotedDstLo;
    /** Ports of the quoted TCP/UDP header when the quote holds them, else zero. */
    public int quotedSrcPort;
    public int quotedDstPort;

    /** Resets every field, so a decoder starts each frame clean. */
    public void clear() {
        timeNanos = 0;
        ipVersion = 0;
        srcHi = srcLo = dstHi = dstLo = 0;
        protocol = 0;
        srcPort = dstPort = 0;
        tcpFlags = 0;
        tcpWindow = 0;
        payloadLength = 0;
        icmpType = -1;
        icmpCode = -1;
        icmpId = 0;
        hasQuote = false;
        quotedProtocol = 0;
        quotedSrcHi = quotedSrcLo = quotedDstHi = quotedDstLo = 0;
        quotedSrcPort = quotedDstPort = 0;
    }

    /** A copy that the next frame does not overwrite (for the rare reader that must hold a packet). */
    public Packet copy() {
        Packet c = new Packet();
        c.timeNanos = timeNanos;
        c.ipVersion = ipVersion;
        c.srcHi = srcHi;
        c.srcLo = srcLo;
        c.dstHi = dstHi;
        c.dstLo = dstLo;
        c.protocol = protocol;
        c.srcPort = srcPort;
        c.dstPort = dstPort;
        c.tcpFlags = tcpFlags;
        c.tcpWindow = tcpWindow;
        c.payloadLength = payloadLength;
        c.icmpType = icmpType;
        c.icmpCode = icmpCode;
        c.icmpId = icmpId;
        c.hasQuote = hasQuote;
        c.quotedProtocol = quotedProtocol;
        c.quotedSrcHi = quotedSrcHi;
        c.quotedSrcLo = quotedSrcLo;
        c.quotedDstHi = quotedDstHi;
        c.quotedDstLo = quotedDstLo;
        c.quotedSrcPort = quotedSrcPort;
        c.quotedDstPort = quotedDstPort;
        return c;
    }

    public boolean isTcp() {
        return protocol == PROTO_TCP;
    }

    public boolean isUdp() {
        return protocol == PROTO_UDP;
    }

    public boolean isIcmp() {
        return protocol == PROTO_ICMP || protocol == PROTO_ICMPV6;
    }

    public IpAddress src() {
        return new IpAddress(srcHi, srcLo);
    }

    public IpAddress dst() {
        return new IpAddress(dstHi, dstLo);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(timeNanos).append(' ').append(IpAddress.format(srcHi, srcLo));
        if (srcPort != 0 || dstPort != 0) {
            sb.append(':').append(srcPort);
        }
        sb.append(" > ").append(IpAddress.format(dstHi, dstLo));
        if (srcPort != 0 || dstPort != 0) {
            sb.append(':').append(dstPort);
        }
        sb.append(" proto=").append(protocol);
        if (protocol == PROTO_TCP) {
            sb.append(" flags=0x").append(Integer.toHexString(tcpFlags));
        }
        if (icmpType >= 0) {
            sb.append(" icmp=").append(icmpType).append('/').append(icmpCode);
        }
        if (hasQuote) {
            sb.append(" quote[").append(quotedProtocol).append(' ')
              .append(IpAddress.format(quotedSrcHi, quotedSrcLo)).append(':').append(quotedSrcPort)
              .append(" > ").append(IpAddress.format(quotedDstHi, quotedDstLo)).append(':')
              .append(quotedDstPort).append(']');
        }
        return sb.toString();
    }
}
