package dev.scanwatch.io.decode;

import static dev.scanwatch.io.capture.CaptureBuilder.ACK;
import static dev.scanwatch.io.capture.CaptureBuilder.CWR;
import static dev.scanwatch.io.capture.CaptureBuilder.ECE;
import static dev.scanwatch.io.capture.CaptureBuilder.SYN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scanwatch.core.net.IpAddress;
import dev.scanwatch.core.packet.Packet;
import dev.scanwatch.io.capture.Frames;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FrameDecoderTest {

    private final Packet out = new Packet();

    private DecodeResult decode(int linkType, byte[] frame) {
        return FrameDecoder.decode(linkType, ByteBuffer.wrap(frame), 0, frame.length, out);
    }

    private DecodeResult decode(int linkType, byte[] frame, int captured) {
        return FrameDecoder.decode(linkType, ByteBuffer.wrap(frame), 0, captured, out);
    }

    private static IpAddress ip(String text) {
        return IpAddress.parse(text);
    }

    // ---- Ethernet, IPv4, TCP ----------------------------------------------------------------

    @Test
    void ethernetIpv4TcpSyn() {
        byte[] frame = Frames.ethernet(Frames.tcp("10.0.0.1", 4444, "10.0.0.2", 445, SYN, 0));

        assertThat(decode(LinkType.ETHERNET, frame)).isEqualTo(DecodeResult.DECODED);
        assertThat(out.ipVersion).isEqualTo(4);
        assertThat(out.src()).isEqualTo(ip("10.0.0.1"));
        assertThat(out.dst()).isEqualTo(ip("10.0.0.2"));
        assertThat(out.protocol).isEqualTo(Packet.PROTO_TCP);
        assertThat(out.srcPort).isEqualTo(4444);
        assertThat(out.dstPort).isEqualTo(445);
        assertThat(out.tcpFlags).isEqualTo(Packet.TCP_SYN);
        assertThat(out.tcpWindow).isEqualTo(1024);
        assertThat(out.payloadLength).isZero();
        assertThat(out.icmpType).isEqualTo(-1);
        assertThat(out.hasQuote).isFalse();
    }

    @Test
    void tcpFlagByteIncludesEceAndCwr() {
        int flags = SYN | ACK | ECE | CWR;
        decode(LinkType.ETHERNET, Frames.ethernet(Frames.tcp("10.0.0.1", 1, "10.0.0.2", 2, flags, 0)));
        assertThat(out.tcpFlags).isEqualTo(0xD2);
    }

    @Test
    void payloadLengthComesFromIpLengthNotSnapLength() {
        byte[] frame = Frames.ethernet(Frames.tcp("10.0.0.1", 80, "10.0.0.2", 5555, ACK, 1000));

        assertThat(decode(LinkType.ETHERNET, frame, 14 + 20 + 20)).isEqualTo(DecodeResult.DECODED);
        assertThat(out.payloadLength).isEqualTo(1000);
    }

    @Test
    void ethernetPaddingIsNotPayload() {
        byte[] frame = Arrays.copyOf(Frames.ethernet(Frames.udp("10.0.0.1", 53, "10.0.0.2", 5353, 2)), 60);

        assertThat(decode(LinkType.ETHERNET, frame)).isEqualTo(DecodeResult.DECODED);
        assertThat(out.payloadLength).isEqualTo(2);
    }

    @Test
    void ipv4TotalLengthZeroFromOffloadUsesTheFrame() {
        byte[] packet = Frames.tcp("10.0.0.1", 80, "10.0.0.2", 5555, ACK, 100);
        packet[2] = 0;
        packet[3] = 0;

        assertThat(decode(LinkType.RAW, packet)).isEqualTo(DecodeResult.DECODED);
        assertThat(out.payloadLength).isEqualTo(100);
    }

    @Test
    void decodesAtAnOffsetInsideALargerLittleEndianBuffer() {
        byte[] frame = Frames.ethernet(Frames.tcp("192.0.2.7", 1234, "198.51.100.9", 22, SYN, 0));
        ByteBuffer buf = ByteBuffer.allocate(frame.length + 100).order(ByteOrder.LITTLE_ENDIAN);
        buf.position(37);
        buf.put(frame);

        assertThat(FrameDecoder.decode(LinkType.ETHERNET, buf, 37, frame.length, out)).isEqualTo(DecodeResult.DECODED);
        assertThat(out.dstPort).isEqualTo(22);
        assertThat(out.src()).isEqualTo(ip("192.0.2.7"));
    }

    @Test
    void everyFrameStartsFromACleanPacket() {
        decode(LinkType.ETHERNET, Frames.ethernet(Frames.icmpPortUnreachable(
                "10.0.0.2", "10.0.0.1", "10.0.0.1", 4000, "10.0.0.2", 53)));
        assertThat(out.hasQuote).isTrue();

        decode(LinkType.ETHERNET, Frames.ethernet(Frames.udp("10.0.0.1", 1, "10.0.0.2", 2, 0)));
        assertThat(out.hasQuote).isFalse();
        assertThat(out.icmpType).isEqualTo(-1);
        assertThat(out.quotedDstPort).isZero();
    }

    @Test
    void rejectsAFrameOutsideTheBuffer() {
        assertThatThrownBy(() -> FrameDecoder.decode(LinkType.ETHERNET, ByteBuffer.allocate(10), 0, 20, out))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---- VLANs ------------------------------------------------------------------------------

    @Test
    void singleVlanTag() {
        byte[] frame = Frames.ethernet(Frames.tcp("10.0.0.1", 1, "10.0.0.2", 80, SYN, 0), Frames.dot1q(42));

        assertThat(decode(LinkType.ETHERNET, frame)).isEqualTo(DecodeResult.DECODED);
        assertThat(out.dstPort).isEqualTo(80);
    }

    @Test
    void qinqAndOldStyleStackedTags() {
        byte[] ip = Frames.tcp("2001:db8::1", 1, "2001:db8::2", 443, SYN, 0);

        assertThat(decode(LinkType.ETHERNET, Frames.ethernet(ip, Frames.dot1ad(100), Frames.dot1q(42))))
                .isEqualTo(DecodeResult.DECODED);
        assertThat(out.dstPort).isEqualTo(443);
        assertThat(out.ipVersion).isEqualTo(6);

        Frames.Tag old = new Frames.Tag(Frames.TPID_QINQ_OLD, 7);
        assertThat(decode(LinkType.ETHERNET, Frames.ethernet(ip, old, Frames.dot1ad(1), Frames.dot1q(2))))
                .isEqualTo(DecodeResult.DECODED);
        assertThat(out.dstPort).isEqualTo(443);
    }

    @Test
    void vlanTagCutBySnapLengthIsTruncated() {
        byte[] frame = Frames.ethernet(Frames.tcp("10.0.0.1", 1, "10.0.0.2", 80, SYN, 0), Frames.dot1q(42));
        assertThat(decode(LinkType.ETHERNET, frame, 16)).isEqualTo(DecodeResult.TRUNCATED);
    }

    // ---- other link types -------------------------------------------------------------------

    @Test
    void linuxCookedV1AndV2() {
        byte[] ip = Frames.udp("10.1.1.1", 5000, "10.1.1.2", 161, 10);

        assertThat(decode(LinkType.LINUX_SLL, Frames.sll(ip))).isEqualTo(DecodeResult.DECODED);
        assertThat(out.dstPort).isEqualTo(161);
        assertThat(decode(LinkType.LINUX_SLL2, Frames.sll2(ip))).isEqualTo(DecodeResult.DECODED);
        assertThat(out.dstPort).isEqualTo(161);
        assertThat(out.payloadLength).isEqualTo(10);
    }

    @ParameterizedTest
    @ValueSource(ints = {LinkType.RAW, LinkType.RAW_12, LinkType.RAW_14})
    void rawIpTakesTheVersionFromTheFirstNibble(int linkType) {
        assertThat(decode(linkType, Frames.tcp("10.0.0.1", 1, "10.0.0.2", 2, SYN, 0))).isEqualTo(DecodeResult.DECODED);
        assertThat(out.ipVersion).isEqualTo(4);
        assertThat(decode(linkType, Frames.tcp("::1", 1, "::2", 2, SYN, 0))).isEqualTo(DecodeResult.DECODED);
        assertThat(out.ipVersion).isEqualTo(6);
        assertThat(out.dst()).isEqualTo(ip("::2"));
    }

    @Test
    void ipv4AndIpv6LinkTypesInsistOnTheirVersion() {
        byte[] v4 = Frames.tcp("10.0.0.1", 1, "10.0.0.2", 2, SYN, 0);
        byte[] v6 = Frames.tcp("fe80::1", 1, "fe80::2", 2, SYN, 0);

        assertThat(decode(LinkType.IPV4, v4)).isEqualTo(DecodeResult.DECODED);
        assertThat(decode(LinkType.IPV6, v6)).isEqualTo(DecodeResult.DECODED);
        assertThat(decode(LinkType.IPV4, v6)).isEqualTo(DecodeResult.MALFORMED);
        assertThat(decode(LinkType.IPV6, v4)).isEqualTo(DecodeResult.MALFORMED);
    }

    @Test
    void bsdNullInEitherByteOrderAndLoopInNetworkOrder() {
        byte[] v4 = Frames.tcp("127.0.0.1", 1, "127.0.0.1", 22, SYN, 0);
        byte[] v6 = Frames.tcp("::1", 1, "::1", 22, SYN, 0);

        assertThat(decode(LinkType.NULL, Frames.nullLink(v4, ByteOrder.LITTLE_ENDIAN))).isEqualTo(DecodeResult.DECODED);
        assertThat(decode(LinkType.NULL, Frames.nullLink(v4, ByteOrder.BIG_ENDIAN))).isEqualTo(DecodeResult.DECODED);
        assertThat(decode(LinkType.NULL, Frames.nullLink(v6, ByteOrder.LITTLE_ENDIAN))).isEqualTo(DecodeResult.DECODED);
        assertThat(out.ipVersion).isEqualTo(6);
        assertThat(decode(LinkType.LOOP, Frames.loop(v4))).isEqualTo(DecodeResult.DECODED);
        assertThat(out.dstPort).isEqualTo(22);
    }

    @ParameterizedTest
    @ValueSource(ints = {24, 28, 30})
    void everyBsdFlavourOfAfInet6(int family) {
        byte[] v6 = Frames.tcp("::1", 1, "::1", 22, SYN, 0);
        byte[] frame = ByteBuffer.allocate(4 + v6.length).order(ByteOrder.LITTLE_ENDIAN).putInt(family).put(v6).array();

        assertThat(decode(LinkType.NULL, frame)).isEqualTo(DecodeResult.DECODED);
        assertThat(out.ipVersion).isEqualTo(6);
    }

    @Test
    void nullWithAnotherAddressFamilyIsNotIp() {
        byte[] frame = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN).putInt(17).array();
        assertThat(decode(LinkType.NULL, frame)).isEqualTo(DecodeResult.NOT_IP);
    }

    @Test
    void arpAndLlcAreNotIp() {
        assertThat(decode(LinkType.ETHERNET, Frames.arpRequest("10.0.0.1", "10.0.0.9"))).isEqualTo(DecodeResult.NOT_IP);
        byte[] llc = Frames.ethernetFrame(46, new byte[46]);
        assertThat(decode(LinkType.ETHERNET, llc)).isEqualTo(DecodeResult.NOT_IP);
    }

    @Test
    void unknownLinkTypeIsUnsupported() {
        assertThat(decode(147, new byte[64])).isEqualTo(DecodeResult.UNSUPPORTED_LINK);
        assertThat(LinkType.isSupported(147)).isFalse();
        assertThat(LinkType.name(LinkType.LINUX_SLL2)).isEqualTo("LINUX_SLL2");
    }

    // ---- IPv6 extension headers and fragments -----------------------------------------------

    @Test
    void ipv6ExtensionHeadersAreSkipped() {
        int[] chain = {Frames.EXT_HOP_BY_HOP, Frames.EXT_ROUTING, Frames.EXT_FRAGMENT, Frames.EXT_AH,
            Frames.EXT_MOBILITY, Frames.EXT_DESTINATION};
        byte[] tcp = Frames.tcpHeader(40000, 8080, SYN, 512, 7);
        byte[] packet = Frames.ipv6WithExtensions("2001:db8::a", "2001:db8::b", chain, Frames.PROTO_TCP, tcp);

        assertThat(decode(LinkType.ETHERNET, Frames.ethernet(packet))).isEqualTo(DecodeResult.DECODED);
        assertThat(out.protocol).isEqualTo(Packet.PROTO_TCP);
        assertThat(out.srcPort).isEqualTo(40000);
        assertThat(out.dstPort).isEqualTo(8080);
        assertThat(out.tcpWindow).isEqualTo(512);
        assertThat(out.payloadLength).isEqualTo(7);
        assertThat(out.src()).isEqualTo(ip("2001:db8::a"));
    }

    @Test
    void ipv6NonFirstFragmentIsSkipped() {
        byte[] tail = Frames.extensionHeader(Frames.EXT_FRAGMENT, Frames.PROTO_UDP, 185);
        byte[] packet = Frames.ipv6("2001:db8::a", "2001:db8::b", Frames.EXT_FRAGMENT,
                ByteBuffer.allocate(tail.length + 16).put(tail).array());

        assertThat(decode(LinkType.RAW, packet)).isEqualTo(DecodeResult.FRAGMENT);
    }

    @Test
    void ipv6EspAndNoNextHeaderStopTheWalk() {
        byte[] esp = Frames.ipv6("2001:db8::a", "2001:db8::b", 50, new byte[24]);
        assertThat(decode(LinkType.RAW, esp)).isEqualTo(DecodeResult.DECODED);
        assertThat(out.protocol).isEqualTo(50);
        assertThat(out.payloadLength).isEqualTo(24);

        int[] chain = {Frames.EXT_DESTINATION};
        byte[] none = Frames.ipv6WithExtensions("2001:db8::a", "2001:db8::b", chain, 59, new byte[0]);
        assertThat(decode(LinkType.RAW, none)).isEqualTo(DecodeResult.DECODED);
        assertThat(out.protocol).isEqualTo(59);
        assertThat(out.payloadLength).isZero();
    }

    @Test
    void ipv6ExtensionChainCutBySnapLengthIsTruncated() {
        int[] chain = {Frames.EXT_HOP_BY_HOP, Frames.EXT_DESTINATION};
        byte[] packet = Frames.ipv6WithExtensions("2001:db8::a", "2001:db8::b", chain, Frames.PROTO_TCP,
                Frames.tcpHeader(1, 2, SYN, 0, 0));
        assertThat(decode(LinkType.RAW, packet, 40 + 8 + 1)).isEqualTo(DecodeResult.TRUNCATED);
    }

    @Test
    void ipv4NonFirstFragmentIsSkippedAndFirstFragmentDecoded() {
        byte[] whole = Frames.udp("10.0.0.1", 5000, "10.0.0.2", 53, 1400);

        assertThat(decode(LinkType.RAW, Frames.ipv4Fragment(whole, 0, true))).isEqualTo(DecodeResult.DECODED);
        assertThat(out.dstPort).isEqualTo(53);
        assertThat(decode(LinkType.RAW, Frames.ipv4Fragment(whole, 100, false))).isEqualTo(DecodeResult.FRAGMENT);
    }

    // ---- ICMP -------------------------------------------------------------------------------

    @Test
    void icmpEchoCarriesTheIdentifier() {
        assertThat(decode(LinkType.RAW, Frames.icmpEcho("10.0.0.1", "10.0.0.2", 0x1234, 1))).isEqualTo(DecodeResult.DECODED);
        assertThat(out.protocol).isEqualTo(Packet.PROTO_ICMP);
        assertThat(out.icmpType).isEqualTo(8);
        assertThat(out.icmpCode).isZero();
        assertThat(out.icmpId).isEqualTo(0x1234);
        assertThat(out.srcPort).isZero();

        assertThat(decode(LinkType.RAW, Frames.icmpEchoReply("2001:db8::2", "2001:db8::1", 77, 1)))
                .isEqualTo(DecodeResult.DECODED);
        assertThat(out.protocol).isEqualTo(Packet.PROTO_ICMPV6);
        assertThat(out.icmpType).isEqualTo(129);
        assertThat(out.icmpId).isEqualTo(77);
        assertThat(out.hasQuote).isFalse();
    }

    @Test
    void portUnreachableQuotesTheUdpProbe() {
        byte[] frame = Frames.ethernet(Frames.icmpPortUnreachable(
                "10.0.0.2", "10.0.0.1", "10.0.0.1", 51234, "10.0.0.2", 161));

        assertThat(decode(LinkType.ETHERNET, frame)).isEqualTo(DecodeResult.DECODED);
        assertThat(out.icmpType).isEqualTo(3);
        assertThat(out.icmpCode).isEqualTo(3);
        assertThat(out.hasQuote).isTrue();
        assertThat(out.quotedProtocol).isEqualTo(Packet.PROTO_UDP);
        assertThat(IpAddress.format(out.quotedSrcHi, out.quotedSrcLo)).isEqualTo("10.0.0.1");
        assertThat(IpAddress.format(out.quotedDstHi, out.quotedDstLo)).isEqualTo("10.0.0.2");
        assertThat(out.quotedSrcPort).isEqualTo(51234);
        assertThat(out.quotedDstPort).isEqualTo(161);
        assertThat(out.payloadLength).isEqualTo(28);
    }

    @Test
    void icmpv6PortUnreachableQuotesTheUdpProbe() {
        byte[] frame = Frames.ethernet(Frames.icmpPortUnreachable(
                "2001:db8::2", "2001:db8::1", "2001:db8::1", 40000, "2001:db8::2", 53));

        assertThat(decode(LinkType.ETHERNET, frame)).isEqualTo(DecodeResult.DECODED);
        assertThat(out.icmpType).isEqualTo(1);
        assertThat(out.icmpCode).isEqualTo(4);
        assertThat(out.hasQuote).isTrue();
        assertThat(out.quotedProtocol).isEqualTo(Packet.PROTO_UDP);
        assertThat(IpAddress.format(out.quotedDstHi, out.quotedDstLo)).isEqualTo("2001:db8::2");
        assertThat(out.quotedSrcPort).isEqualTo(40000);
        assertThat(out.quotedDstPort).isEqualTo(53);
    }

    @Test
    void timeExceededQuotesATcpProbeBehindIpv6Extensions() {
        int[] chain = {Frames.EXT_DESTINATION};
        byte[] probe = Frames.ipv6WithExtensions("2001:db8::1", "2001:db8::9", chain, Frames.PROTO_TCP,
                Frames.tcpHeader(33000, 443, SYN, 1024, 0));
        byte[] error = Frames.icmpError("2001:db8::fe", "2001:db8::1", 3, 0, probe, probe.length);

        assertThat(decode(LinkType.RAW, error)).isEqualTo(DecodeResult.DECODED);
        assertThat(out.hasQuote).isTrue();
        assertThat(out.quotedProtocol).isEqualTo(Packet.PROTO_TCP);
        assertThat(out.quotedDstPort).isEqualTo(443);
    }

    @Test
    void quoteWithoutTransportBytesHasAddressesButNoPorts() {
        byte[] probe = Frames.tcp("10.0.0.1", 1000, "10.0.0.9", 80, SYN, 0);
        byte[] error = Frames.icmpError("10.0.0.254", "10.0.0.1", 11, 0, probe, 20);

        assertThat(decode(LinkType.RAW, error)).isEqualTo(DecodeResult.DECODED);
        assertThat(out.icmpType).isEqualTo(11);
        assertThat(out.hasQuote).isTrue();
        assertThat(out.quotedProtocol).isEqualTo(Packet.PROTO_TCP);
        assertThat(IpAddress.format(out.quotedDstHi, out.quotedDstLo)).isEqualTo("10.0.0.9");
        assertThat(out.quotedDstPort).isZero();
    }

    @Test
    void quoteCutBySnapLengthIsIgnoredNotFatal() {
        byte[] frame = Frames.ethernet(Frames.icmpPortUnreachable(
                "10.0.0.2", "10.0.0.1", "10.0.0.1", 4000, "10.0.0.2", 53));

        assertThat(decode(LinkType.ETHERNET, frame, 14 + 20 + 8 + 10)).isEqualTo(DecodeResult.DECODED);
        assertThat(out.icmpType).isEqualTo(3);
        assertThat(out.hasQuote).isFalse();
    }

    // ---- truncated, malformed, bare ---------------------------------------------------------

    @Test
    void snapLengthCutsAreTruncated() {
        byte[] frame = Frames.ethernet(Frames.tcp("10.0.0.1", 1, "10.0.0.2", 80, SYN, 0));

        assertThat(decode(LinkType.ETHERNET, frame, 10)).isEqualTo(DecodeResult.TRUNCATED);
        assertThat(decode(LinkType.ETHERNET, frame, 14 + 19)).isEqualTo(DecodeResult.TRUNCATED);
        assertThat(decode(LinkType.ETHERNET, frame, 14 + 20 + 6)).isEqualTo(DecodeResult.TRUNCATED);
        assertThat(decode(LinkType.ETHERNET, Frames.ethernet(Frames.tcp("::1", 1, "::2", 2, SYN, 0)), 14 + 39))
                .isEqualTo(DecodeResult.TRUNCATED);
        assertThat(decode(LinkType.LINUX_SLL, new byte[0], 0)).isEqualTo(DecodeResult.TRUNCATED);
    }

    /**
     * The TCP header is read in wide words: ports in one, offset, flags and window in another.
     * Cut after the flags byte (14 or 15 captured bytes), the window is unknown but the rest is read.
     */
    @Test
    void tcpCutBetweenItsFlagsAndItsWindowKeepsPortsAndFlags() {
        byte[] frame = Frames.ethernet(Frames.tcp("10.0.0.1", 40_001, "10.0.0.2", 65_535, SYN | ACK, 0));
        for (int captured : new int[] {14 + 20 + 14, 14 + 20 + 15}) {
            assertThat(decode(LinkType.ETHERNET, frame, captured)).isEqualTo(DecodeResult.DECODED);
            assertThat(out.srcPort).isEqualTo(40_001);
            assertThat(out.dstPort).isEqualTo(65_535);
            assertThat(out.tcpFlags).isEqualTo(SYN | ACK);
            assertThat(out.tcpWindow).isZero();
        }
        assertThat(decode(LinkType.ETHERNET, frame, 14 + 20 + 16)).isEqualTo(DecodeResult.DECODED);
        assertThat(out.tcpWindow).isEqualTo(1024);
    }

    @Test
    void highPortsAreUnsigned() {
        decode(LinkType.ETHERNET, Frames.ethernet(Frames.udp("10.0.0.1", 65_000, "10.0.0.2", 32_768, 0)));
        assertThat(out.srcPort).isEqualTo(65_000);
        assertThat(out.dstPort).isEqualTo(32_768);
    }

    @Test
    void contradictoryHeadersAreMalformed() {
        byte[] shortIhl = Frames.tcp("10.0.0.1", 1, "10.0.0.2", 80, SYN, 0);
        shortIhl[0] = 0x44;
        assertThat(decode(LinkType.RAW, shortIhl)).isEqualTo(DecodeResult.MALFORMED);

        byte[] shortTotal = Frames.tcp("10.0.0.1", 1, "10.0.0.2", 80, SYN, 0);
        shortTotal[3] = 16;
        assertThat(decode(LinkType.RAW, shortTotal)).isEqualTo(DecodeResult.MALFORMED);

        byte[] badOffset = Frames.tcp("10.0.0.1", 1, "10.0.0.2", 80, SYN, 0);
        badOffset[20 + 12] = 0x40;
        assertThat(decode(LinkType.RAW, badOffset)).isEqualTo(DecodeResult.MALFORMED);

        byte[] version5 = Frames.tcp("10.0.0.1", 1, "10.0.0.2", 80, SYN, 0);
        version5[0] = 0x55;
        assertThat(decode(LinkType.RAW, version5)).isEqualTo(DecodeResult.MALFORMED);
        assertThat(decode(LinkType.ETHERNET, Frames.ethernetFrame(Frames.ETHERTYPE_IPV4, version5)))
                .isEqualTo(DecodeResult.MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 255, Packet.PROTO_ICMPV6, Packet.PROTO_TCP})
    void bareProtocolProbesAreStillPackets(int protocol) {
        byte[] probe = Frames.ipv4("127.66.0.8", "127.0.0.1", protocol, new byte[0]);

        assertThat(decode(LinkType.ETHERNET, Frames.ethernet(probe))).isEqualTo(DecodeResult.DECODED);
        assertThat(out.protocol).isEqualTo(protocol);
        assertThat(out.payloadLength).isZero();
        assertThat(out.dstPort).isZero();
    }
}
