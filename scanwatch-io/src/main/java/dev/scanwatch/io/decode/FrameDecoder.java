package dev.scanwatch.io.decode;

import static dev.scanwatch.io.decode.Bytes.u16;

import dev.scanwatch.core.packet.Packet;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Decodes one captured frame into a {@link Packet}: strips the link-layer header, then hands the
 * IP packet to {@link IpDecoder}. Pure and allocation-free for big-endian buffers (the default
 * order of {@link ByteBuffer}); other buffers are read through a big-endian view.
 *
 * <p>Checksums are never verified: loopback captures carry partial checksums.
 */
public final class FrameDecoder {

    static final int ETHERTYPE_IPV4 = 0x0800;
    static final int ETHERTYPE_IPV6 = 0x86DD;
    static final int ETHERTYPE_VLAN = 0x8100;
    static final int ETHERTYPE_QINQ = 0x88A8;
    /** Pre-standard QinQ outer tag, still emitted by some switches. */
    static final int ETHERTYPE_QINQ_OLD = 0x9100;
    static final int ETHERTYPE_PPPOE_SESSION = 0x8864;
    /** EtherType values below this are 802.3 length fields (LLC follows), not types. */
    static final int ETHERTYPE_MIN = 0x0600;

    static final int ETHERNET_HEADER = 14;
    static final int VLAN_TAG = 4;
    static final int PPPOE_HEADER = 6;
    static final int PPP_PROTOCOL_FIELD = 2;
    static final int PPP_IPV4 = 0x0021;
    static final int PPP_IPV6 = 0x0057;

    static final int SLL_HEADER = 16;
    static final int SLL_PROTOCOL_OFFSET = 14;
    static final int SLL2_HEADER = 20;
    static final int SLL2_PROTOCOL_OFFSET = 0;

    static final int NULL_HEADER = 4;
    static final int AF_INET = 2;
    /** AF_INET6 differs per BSD: NetBSD/OpenBSD 24, FreeBSD 28, macOS 30. */
    static final int AF_INET6_BSD = 24;
    static final int AF_INET6_FREEBSD = 28;
    static final int AF_INET6_DARWIN = 30;

    private FrameDecoder() {
    }

    /**
     * Decodes the frame at {@code buf[offset, offset + capturedLength)}.
     *
     * @param linkType the LINKTYPE_ value of the capture or interface (see {@link LinkType})
     * @param out cleared, then filled when the result is {@link DecodeResult#DECODED}; for other
     *     results it may hold whatever was decoded before the decoder gave up
     */
    public static DecodeResult decode(int linkType, ByteBuffer buf, int offset, int capturedLength, Packet out) {
        return decode(linkType, buf, offset, capturedLength, out, null);
    }

    /**
     * As {@link #decode(int, ByteBuffer, int, int, Packet)}, and for a UDP packet also where its
     * captured payload lies in {@code buf} (NetFlow export inside a capture); allocation-free.
     *
     * @param span cleared, then set for a decoded UDP packet; may be null
     */
    public static DecodeResult decode(int linkType, ByteBuffer buf, int offset, int capturedLength, Packet out,
                                      PayloadSpan span) {
        if (span != null) {
            span.clear();
        }
        if (offset < 0 || capturedLength < 0 || offset + capturedLength > buf.limit()) {
            throw new IllegalArgumentException("frame [" + offset + ", +" + capturedLength
                    + ") outside buffer limit " + buf.limit());
        }
        out.clear();
        // Network fields are big-endian; a view is cheaper than byte-swapping every read.
        ByteBuffer be = buf.order() == ByteOrder.BIG_ENDIAN ? buf : buf.duplicate().order(ByteOrder.BIG_ENDIAN);
        int end = offset + capturedLength;
        switch (linkType) {
            case LinkType.ETHERNET:
                return ethernet(be, offset, end, out, span);
            case LinkType.LINUX_SLL:
                return ethertypeAt(be, offset, end, SLL_HEADER, SLL_PROTOCOL_OFFSET, out, span);
            case LinkType.LINUX_SLL2:
                return ethertypeAt(be, offset, end, SLL2_HEADER, SLL2_PROTOCOL_OFFSET, out, span);
            case LinkType.RAW:
            case LinkType.RAW_12:
            case LinkType.RAW_14:
                return IpDecoder.decode(be, offset, end, IpDecoder.ANY_VERSION, out, span);
            case LinkType.IPV4:
                return IpDecoder.decode(be, offset, end, 4, out, span);
            case LinkType.IPV6:
                return IpDecoder.decode(be, offset, end, 6, out, span);
            case LinkType.NULL:
                return nullLink(be, offset, end, false, out, span);
            case LinkType.LOOP:
                return nullLink(be, offset, end, true, out, span);
            default:
                return DecodeResult.UNSUPPORTED_LINK;
        }
    }

    private static DecodeResult ethernet(ByteBuffer buf, int offset, int end, Packet out, PayloadSpan span) {
        if (end - offset < ETHERNET_HEADER) {
            return DecodeResult.TRUNCATED;
        }
        int typeAt = offset + ETHERNET_HEADER - 2;
        int type = u16(buf, typeAt);
        // Stacked tags (QinQ and older variants): each adds 4 bytes before the real type.
        while (type == ETHERTYPE_VLAN || type == ETHERTYPE_QINQ || type == ETHERTYPE_QINQ_OLD) {
            typeAt += VLAN_TAG;
            if (typeAt + 2 > end) {
                return DecodeResult.TRUNCATED;
            }
            type = u16(buf, typeAt);
        }
        int payload = typeAt + 2;
        if (type == ETHERTYPE_PPPOE_SESSION) {
            return pppoe(buf, payload, end, out, span);
        }
        return byEthertype(type, buf, payload, end, out, span);
    }

    private static DecodeResult pppoe(ByteBuffer buf, int offset, int end, Packet out, PayloadSpan span) {
        int protocolAt = offset + PPPOE_HEADER;
        if (protocolAt + PPP_PROTOCOL_FIELD > end) {
            return DecodeResult.TRUNCATED;
        }
        int protocol = u16(buf, protocolAt);
        int ip = protocolAt + PPP_PROTOCOL_FIELD;
        if (protocol == PPP_IPV4) {
            return IpDecoder.decode(buf, ip, end, 4, out, span);
        }
        if (protocol == PPP_IPV6) {
            return IpDecoder.decode(buf, ip, end, 6, out, span);
        }
        return DecodeResult.NOT_IP;
    }

    private static DecodeResult ethertypeAt(ByteBuffer buf, int offset, int end, int headerLength,
                                            int protocolOffset, Packet out, PayloadSpan span) {
        if (end - offset < headerLength) {
            return DecodeResult.TRUNCATED;
        }
        return byEthertype(u16(buf, offset + protocolOffset), buf, offset + headerLength, end, out, span);
    }

    private static DecodeResult byEthertype(int type, ByteBuffer buf, int ip, int end, Packet out,
                                            PayloadSpan span) {
        if (type == ETHERTYPE_IPV4) {
            return IpDecoder.decode(buf, ip, end, 4, out, span);
        }
        if (type == ETHERTYPE_IPV6) {
            return IpDecoder.decode(buf, ip, end, 6, out, span);
        }
        return DecodeResult.NOT_IP;
    }

    private static DecodeResult nullLink(ByteBuffer buf, int offset, int end, boolean networkOrder, Packet out,
                                         PayloadSpan span) {
        if (end - offset < NULL_HEADER) {
            return DecodeResult.TRUNCATED;
        }
        int family = buf.getInt(offset);
        // NULL stores the family in the writer's byte order; all values are small, so a value
        // whose low half is zero was written little-endian (the trick libpcap uses too).
        if (!networkOrder && (family & 0xFFFF) == 0) {
            family = Integer.reverseBytes(family);
        }
        int ip = offset + NULL_HEADER;
        switch (family) {
            case AF_INET:
                return IpDecoder.decode(buf, ip, end, 4, out, span);
            case AF_INET6_BSD:
            case AF_INET6_FREEBSD:
            case AF_INET6_DARWIN:
                return IpDecoder.decode(buf, ip, end, 6, out, span);
            default:
                return DecodeResult.NOT_IP;
        }
    }
}
