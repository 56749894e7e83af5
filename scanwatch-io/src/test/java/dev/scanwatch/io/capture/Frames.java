package dev.scanwatch.io.capture;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Builds packets and frames byte by byte for tests: IPv4/IPv6 with TCP, UDP, ICMP or ICMPv6,
 * IPv6 extension headers, fragments, and the link-layer headers the decoder supports.
 * Addresses are textual literals; the IP version follows the address family. Checksums are left
 * zero (the decoder never checks them), except the IPv4 header checksum, so tcpdump is happy.
 */
public final class Frames {

    public static final int ETHERTYPE_IPV4 = 0x0800;
    public static final int ETHERTYPE_IPV6 = 0x86DD;
    public static final int ETHERTYPE_ARP = 0x0806;
    public static final int TPID_DOT1Q = 0x8100;
    public static final int TPID_DOT1AD = 0x88A8;
    public static final int TPID_QINQ_OLD = 0x9100;

    public static final int PROTO_ICMP = 1;
    public static final int PROTO_TCP = 6;
    public static final int PROTO_UDP = 17;
    public static final int PROTO_ICMPV6 = 58;
    public static final int EXT_HOP_BY_HOP = 0;
    public static final int EXT_ROUTING = 43;
    public static final int EXT_FRAGMENT = 44;
    public static final int EXT_AH = 51;
    public static final int EXT_DESTINATION = 60;
    public static final int EXT_MOBILITY = 135;

    public static final int AF_INET = 2;
    public static final int AF_INET6_BSD = 24;

    private static final int DEFAULT_TTL = 64;
    private static final int DEFAULT_WINDOW = 1024;

    /** An 802.1Q-style tag: TPID and VLAN id. */
    public record Tag(int tpid, int id) {
    }

    private Frames() {
    }

    public static Tag dot1q(int vlanId) {
        return new Tag(TPID_DOT1Q, vlanId);
    }

    public static Tag dot1ad(int vlanId) {
        return new Tag(TPID_DOT1AD, vlanId);
    }

    // ---- transport + IP --------------------------------------------------------------------

    /** An IP packet carrying a TCP header (20 bytes) and {@code payloadLength} zero bytes. */
    public static byte[] tcp(String src, int srcPort, String dst, int dstPort, int flags, int payloadLength) {
        return ip(src, dst, PROTO_TCP, tcpHeader(srcPort, dstPort, flags, DEFAULT_WINDOW, payloadLength));
    }

    public static byte[] tcpHeader(int srcPort, int dstPort, int flags, int window, int payloadLength) {
        ByteBuffer b = ByteBuffer.allocate(20 + payloadLength);
        b.putShort((short) srcPort).putShort((short) dstPort).putInt(0x1000_0000).putInt(0);
        b.put((byte) (5 << 4)).put((byte) flags).putShort((short) window).putInt(0);
        return b.array();
    }

    public static byte[] udp(String src, int srcPort, String dst, int dstPort, int payloadLength) {
        return ip(src, dst, PROTO_UDP, udpHeader(srcPort, dstPort, payloadLength));
    }

    public static byte[] udpHeader(int srcPort, int dstPort, int payloadLength) {
        ByteBuffer b = ByteBuffer.allocate(8 + payloadLength);
        b.putShort((short) srcPort).putShort((short) dstPort).putShort((short) (8 + payloadLength)).putShort((short) 0);
        return b.array();
    }

    /** An ICMP (v4) or ICMPv6 echo request, by the address family. */
    public static byte[] icmpEcho(String src, String dst, int id, int seq) {
        boolean v6 = isV6(src);
        return ip(src, dst, v6 ? PROTO_ICMPV6 : PROTO_ICMP, icmpHeader(v6 ? 128 : 8, 0, (id << 16) | seq, new byte[0]));
    }

    public static byte[] icmpEchoReply(String src, String dst, int id, int seq) {
        boolean v6 = isV6(src);
        return ip(src, dst, v6 ? PROTO_ICMPV6 : PROTO_ICMP, icmpHeader(v6 ? 129 : 0, 0, (id << 16) | seq, new byte[0]));
    }

    /**
     * An ICMP error from {@code from} to {@code to} quoting the first {@code quoteBytes} bytes of
     * {@code offending} (an IP packet), as routers and hosts do.
     */
    public static byte[] icmpError(String from, String to, int type, int code, byte[] offending, int quoteBytes) {
        boolean v6 = isV6(from);
        byte[] quote = Arrays.copyOf(offending, Math.min(quoteBytes, offending.length));
        return ip(from, to, v6 ? PROTO_ICMPV6 : PROTO_ICMP, icmpHeader(type, code, 0, quote));
    }

    /** Port unreachable for a UDP probe; quotes the probe's IP header and 8 bytes as RFC 792 asks. */
    public static byte[] icmpPortUnreachable(String from, String to, String probeSrc, int probeSrcPort,
                                             String probeDst, int probeDstPort) {
        byte[] probe = udp(probeSrc, probeSrcPort, probeDst, probeDstPort, 0);
        boolean v6 = isV6(from);
        int headerLength = v6 ? 40 : 20;
        return v6 ? icmpError(from, to, 1, 4, probe, headerLength + 8)
                : icmpError(from, to, 3, 3, probe, headerLength + 8);
    }

    public static byte[] icmpHeader(int type, int code, int rest, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(8 + body.length);
        b.put((byte) type).put((byte) code).putShort((short) 0).putInt(rest).put(body);
        return b.array();
    }

    /** An IPv4 or IPv6 packet (by the address family) around {@code payload}. */
    public static byte[] ip(String src, String dst, int protocol, byte[] payload) {
        return isV6(src) ? ipv6(src, dst, protocol, payload) : ipv4(src, dst, protocol, payload);
    }

    public static byte[] ipv4(String src, String dst, int protocol, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(20 + payload.length);
        b.put((byte) 0x45).put((byte) 0).putShort((short) (20 + payload.length));
        b.putShort((short) 0x1234).putShort((short) 0x4000); // DF
        b.put((byte) DEFAULT_TTL).put((byte) protocol).putShort((short) 0);
        b.put(address(src)).put(address(dst)).put(payload);
        byte[] packet = b.array();
        setIpv4Checksum(packet, 0);
        return packet;
    }

    public static byte[] ipv6(String src, String dst, int nextHeader, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(40 + payload.length);
        b.putInt(0x6000_0000).putShort((short) payload.length).put((byte) nextHeader).put((byte) DEFAULT_TTL);
        b.put(address(src)).put(address(dst)).put(payload);
        return b.array();
    }

    /**
     * An IPv6 packet whose transport header follows a chain of extension headers of the given
     * types (fragment headers get offset 0), each 8 bytes except AH (12 + 4 padding = 16).
     */
    public static byte[] ipv6WithExtensions(String src, String dst, int[] extensionTypes, int protocol, byte[] transport) {
        ByteArrayOutputStream chain = new ByteArrayOutputStream();
        for (int i = 0; i < extensionTypes.length; i++) {
            int next = i + 1 < extensionTypes.length ? extensionTypes[i + 1] : protocol;
            chain.writeBytes(extensionHeader(extensionTypes[i], next, 0));
        }
        chain.writeBytes(transport);
        return ipv6(src, dst, extensionTypes.length == 0 ? protocol : extensionTypes[0], chain.toByteArray());
    }

    /** One extension header; for a fragment header, {@code fragmentOffset} in 8-byte units. */
    public static byte[] extensionHeader(int type, int next, int fragmentOffset) {
        if (type == EXT_FRAGMENT) {
            return ByteBuffer.allocate(8).put((byte) next).put((byte) 0)
                    .putShort((short) (fragmentOffset << 3)).putInt(0xCAFE).array();
        }
        if (type == EXT_AH) {
            // Payload length 2 → (2 + 2) * 4 = 16 bytes.
            return ByteBuffer.allocate(16).put((byte) next).put((byte) 2).array();
        }
        // Header length 0 → 8 bytes, padded with a PadN option.
        return ByteBuffer.allocate(8).put((byte) next).put((byte) 0).put((byte) 1).put((byte) 4).array();
    }

    /** A copy of an IPv4 packet turned into a fragment at {@code offsetUnits} × 8 bytes. */
    public static byte[] ipv4Fragment(byte[] packet, int offsetUnits, boolean moreFragments) {
        byte[] copy = packet.clone();
        int field = (moreFragments ? 0x2000 : 0) | (offsetUnits & 0x1FFF);
        copy[6] = (byte) (field >>> 8);
        copy[7] = (byte) field;
        setIpv4Checksum(copy, 0);
        return copy;
    }

    // ---- link layers ------------------------------------------------------------------------

    /** The frame for {@code linkType} around an IP packet (tags apply to Ethernet only). */
    public static byte[] encapsulate(int linkType, byte[] ipPacket, Tag... tags) {
        switch (linkType) {
            case 0: return nullLink(ipPacket, ByteOrder.LITTLE_ENDIAN);
            case 1: return ethernet(ipPacket, tags);
            case 12:
            case 14:
            case 101:
            case 228:
            case 229: return ipPacket.clone();
            case 108: return loop(ipPacket);
            case 113: return sll(ipPacket);
            case 276: return sll2(ipPacket);
            default: throw new IllegalArgumentException("no encapsulation for link type " + linkType);
        }
    }

    public static byte[] ethernet(byte[] ipPacket, Tag... tags) {
        return ethernetFrame(etherType(ipPacket), ipPacket, tags);
    }

    public static byte[] ethernetFrame(int etherType, byte[] payload, Tag... tags) {
        ByteBuffer b = ByteBuffer.allocate(14 + 4 * tags.length + payload.length);
        b.put(new byte[] {0x02, 0, 0, 0, 0, 0x02}).put(new byte[] {0x02, 0, 0, 0, 0, 0x01});
        for (Tag tag : tags) {
            b.putShort((short) tag.tpid()).putShort((short) tag.id());
        }
        b.putShort((short) etherType).put(payload);
        return b.array();
    }

    /** An ARP who-has request in an Ethernet frame. */
    public static byte[] arpRequest(String senderIp, String targetIp) {
        ByteBuffer b = ByteBuffer.allocate(28);
        b.putShort((short) 1).putShort((short) ETHERTYPE_IPV4).put((byte) 6).put((byte) 4).putShort((short) 1);
        b.put(new byte[] {0x02, 0, 0, 0, 0, 0x01}).put(address(senderIp)).put(new byte[6]).put(address(targetIp));
        return ethernetFrame(ETHERTYPE_ARP, b.array());
    }

    /** Linux cooked capture v1: packet type, ARPHRD, address length, address, protocol. */
    public static byte[] sll(byte[] ipPacket) {
        ByteBuffer b = ByteBuffer.allocate(16 + ipPacket.length);
        b.putShort((short) 0).putShort((short) 1).putShort((short) 6).put(new byte[] {2, 0, 0, 0, 0, 1, 0, 0});
        b.putShort((short) etherType(ipPacket)).put(ipPacket);
        return b.array();
    }

    /** Linux cooked capture v2: protocol, reserved, ifindex, ARPHRD, packet type, address length, address. */
    public static byte[] sll2(byte[] ipPacket) {
        ByteBuffer b = ByteBuffer.allocate(20 + ipPacket.length);
        b.putShort((short) etherType(ipPacket)).putShort((short) 0).putInt(1).putShort((short) 1);
        b.put((byte) 0).put((byte) 6).put(new byte[] {2, 0, 0, 0, 0, 1, 0, 0}).put(ipPacket);
        return b.array();
    }

    /** BSD loopback: the address family in the writer's byte order. */
    public static byte[] nullLink(byte[] ipPacket, ByteOrder order) {
        int family = version(ipPacket) == 6 ? AF_INET6_BSD : AF_INET;
        return ByteBuffer.allocate(4 + ipPacket.length).order(order).putInt(family).put(ipPacket).array();
    }

    /** OpenBSD loopback: the address family in network byte order. */
    public static byte[] loop(byte[] ipPacket) {
        return nullLink(ipPacket, ByteOrder.BIG_ENDIAN);
    }

    // ---- helpers ----------------------------------------------------------------------------

    public static byte[] address(String literal) {
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address literal: " + literal, e);
        }
    }

    static boolean isV6(String literal) {
        return literal.indexOf(':') >= 0;
    }

    private static int version(byte[] ipPacket) {
        return (ipPacket[0] & 0xFF) >>> 4;
    }

    private static int etherType(byte[] ipPacket) {
        return version(ipPacket) == 6 ? ETHERTYPE_IPV6 : ETHERTYPE_IPV4;
    }

    private static void setIpv4Checksum(byte[] packet, int offset) {
        int headerLength = (packet[offset] & 0x0F) * 4;
        packet[offset + 10] = 0;
        packet[offset + 11] = 0;
        int sum = 0;
        for (int i = 0; i < headerLength; i += 2) {
            sum += ((packet[offset + i] & 0xFF) << 8) | (packet[offset + i + 1] & 0xFF);
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        int checksum = ~sum & 0xFFFF;
        packet[offset + 10] = (byte) (checksum >>> 8);
        packet[offset + 11] = (byte) checksum;
    }
}
