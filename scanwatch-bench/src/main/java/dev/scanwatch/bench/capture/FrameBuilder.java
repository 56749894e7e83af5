package dev.scanwatch.bench.capture;

import java.nio.ByteBuffer;

/**
 * Builds Ethernet/IPv4 frames for the synthetic traffic, TCP, UDP and ICMP echo, and their IPv6
 * counterparts for the flood. Payload bytes are
 * counted in the IP length but only {@link #CAPTURED_PAYLOAD} of them are captured, like the
 * shared traces' snap length, so frames stay small and the file is dominated by record count.
 */
final class FrameBuilder {

    static final int ETHERNET_HEADER = 14;
    static final int ETHERTYPE_IPV4 = 0x0800;
    static final int IPV4_HEADER = 20;
    static final int ETHERTYPE_IPV6 = 0x86DD;
    static final int IPV6_HEADER = 40;
    static final int PROTO_ICMPV6 = 58;
    static final int ICMPV6_ECHO_REQUEST = 128;
    static final int TCP_HEADER = 20;
    static final int UDP_HEADER = 8;
    static final int ICMP_HEADER = 8;
    static final int PROTO_ICMP = 1;
    static final int PROTO_TCP = 6;
    static final int PROTO_UDP = 17;
    static final int ICMP_ECHO_REQUEST = 8;
    static final int ICMP_ECHO_REPLY = 0;
    /** Captured payload bytes at most; the rest is "cut by the snap length". */
    static final int CAPTURED_PAYLOAD = 32;
    private static final int TTL = 64;
    private static final int WINDOW = 64_240;
    private static final int IPV4_VERSION_IHL = 0x45;

    static final int FIN = 0x01;
    static final int SYN = 0x02;
    static final int RST = 0x04;
    static final int PSH = 0x08;
    static final int ACK = 0x10;

    private FrameBuilder() {
    }

    /** 127.a.b.c as an int. */
    static int loopback(int a, int b, int c) {
        return (127 << 24) | (a << 16) | (b << 8) | c;
    }

    static RawFrame tcp(long time, int src, int srcPort, int dst, int dstPort, int flags, int payload) {
        return ipv4(time, src, dst, PROTO_TCP, tcpHeader(srcPort, dstPort, flags, payload), TCP_HEADER + payload);
    }

    static RawFrame udp(long time, int src, int srcPort, int dst, int dstPort, int payload) {
        return ipv4(time, src, dst, PROTO_UDP, udpHeader(srcPort, dstPort, payload), UDP_HEADER + payload);
    }

    static RawFrame icmpEcho(long time, int src, int dst, boolean reply, int id, int seq) {
        return ipv4(time, src, dst, PROTO_ICMP, icmpEchoHeader(reply ? ICMP_ECHO_REPLY : ICMP_ECHO_REQUEST, id, seq),
                ICMP_HEADER);
    }

    // IPv6 templates for the flood: addresses, ports and times are written per packet into a copy.

    static RawFrame tcp6(int flags) {
        return ipv6(PROTO_TCP, tcpHeader(0, 0, flags, 0));
    }

    static RawFrame udp6() {
        return ipv6(PROTO_UDP, udpHeader(0, 0, 0));
    }

    static RawFrame icmp6Echo() {
        return ipv6(PROTO_ICMPV6, icmpEchoHeader(ICMPV6_ECHO_REQUEST, 0, 0));
    }

    /** A TCP header, with the first {@link #CAPTURED_PAYLOAD} bytes of its payload (zeros) after it. */
    private static byte[] tcpHeader(int srcPort, int dstPort, int flags, int payload) {
        ByteBuffer t = ByteBuffer.allocate(TCP_HEADER + Math.min(payload, CAPTURED_PAYLOAD));
        t.putShort((short) srcPort).putShort((short) dstPort).putInt(0x1000_0000).putInt((flags & ACK) != 0 ? 1 : 0);
        t.put((byte) (5 << 4)).put((byte) flags).putShort((short) WINDOW).putInt(0);
        return t.array();
    }

    private static byte[] udpHeader(int srcPort, int dstPort, int payload) {
        ByteBuffer u = ByteBuffer.allocate(UDP_HEADER + Math.min(payload, CAPTURED_PAYLOAD));
        u.putShort((short) srcPort).putShort((short) dstPort).putShort((short) (UDP_HEADER + payload)).putShort((short) 0);
        return u.array();
    }

    private static byte[] icmpEchoHeader(int type, int id, int seq) {
        ByteBuffer i = ByteBuffer.allocate(ICMP_HEADER);
        i.put((byte) type).put((byte) 0).putShort((short) 0);
        i.putShort((short) id).putShort((short) seq);
        return i.array();
    }

    /**
     * A frame with no payload beyond {@code transport}, all addresses zero. IPv6 has no header
     * checksum; the transport checksums stay 0, as in the IPv4 frames: scanwatch does not check
     * them, but a zero UDP or ICMPv6 checksum is not valid IPv6, and other tools will say so.
     */
    private static RawFrame ipv6(int nextHeader, byte[] transport) {
        ByteBuffer f = ByteBuffer.allocate(ETHERNET_HEADER + IPV6_HEADER + transport.length);
        f.position(12);
        f.putShort((short) ETHERTYPE_IPV6);
        f.putInt(6 << 28).putShort((short) transport.length).put((byte) nextHeader).put((byte) TTL);
        f.put(new byte[4 * Long.BYTES]); // source and destination
        f.put(transport);
        return new RawFrame(0, f.array(), f.capacity());
    }

    /** @param transportLength the transport length on the wire (header and whole payload) */
    private static RawFrame ipv4(long time, int src, int dst, int protocol, byte[] transport, int transportLength) {
        ByteBuffer f = ByteBuffer.allocate(ETHERNET_HEADER + IPV4_HEADER + transport.length);
        f.position(12);
        f.putShort((short) ETHERTYPE_IPV4); // MAC addresses stay zero, as on the loopback traces
        int ip = f.position();
        f.put((byte) IPV4_VERSION_IHL).put((byte) 0).putShort((short) (IPV4_HEADER + transportLength));
        f.putInt(0).put((byte) TTL).put((byte) protocol).putShort((short) 0);
        f.putInt(src).putInt(dst);
        f.put(transport);
        byte[] data = f.array();
        Checksums.fixIpv4Header(ByteBuffer.wrap(data), ip);
        return new RawFrame(time, data, ETHERNET_HEADER + IPV4_HEADER + transportLength);
    }
}
