package dev.scanwatch.core.track;

import dev.scanwatch.core.net.IpAddress;
import dev.scanwatch.core.packet.Packet;

/** Builds decoded packets for tracker tests; times are milliseconds from zero. */
final class TestPackets {
    static final int SYN = Packet.TCP_SYN;
    static final int ACK = Packet.TCP_ACK;
    static final int RST = Packet.TCP_RST;
    static final int FIN = Packet.TCP_FIN;
    static final int PSH = Packet.TCP_PSH;
    static final int URG = Packet.TCP_URG;

    private TestPackets() {
    }

    private static Packet ip(long ms, String src, String dst, int protocol) {
        Packet p = new Packet();
        IpAddress s = IpAddress.parse(src);
        IpAddress d = IpAddress.parse(dst);
        p.timeNanos = ms * 1_000_000L;
        p.ipVersion = s.isV4() ? 4 : 6;
        p.srcHi = s.hi();
        p.srcLo = s.lo();
        p.dstHi = d.hi();
        p.dstLo = d.lo();
        p.protocol = protocol;
        return p;
    }

    static Packet tcp(long ms, String src, int sport, String dst, int dport, int flags) {
        return tcp(ms, src, sport, dst, dport, flags, 0);
    }

    static Packet tcp(long ms, String src, int sport, String dst, int dport, int flags, int payload) {
        Packet p = ip(ms, src, dst, Packet.PROTO_TCP);
        p.srcPort = sport;
        p.dstPort = dport;
        p.tcpFlags = flags;
        p.payloadLength = payload;
        return p;
    }

    static Packet udp(long ms, String src, int sport, String dst, int dport) {
        Packet p = ip(ms, src, dst, Packet.PROTO_UDP);
        p.srcPort = sport;
        p.dstPort = dport;
        return p;
    }

    static Packet echo(long ms, String src, String dst, boolean request) {
        Packet p = ip(ms, src, dst, Packet.PROTO_ICMP);
        p.icmpType = request ? 8 : 0;
        p.icmpCode = 0;
        return p;
    }

    static Packet proto(long ms, String src, String dst, int protocol) {
        return ip(ms, src, dst, protocol);
    }

    /** An ICMP unreachable from {@code from} quoting a probe (quotedSrc:qsport -> quotedDst:qdport). */
    static Packet unreachable(long ms, String from, int code, int quotedProtocol, String quotedSrc, int qsport,
                              String quotedDst, int qdport) {
        Packet p = ip(ms, from, quotedSrc, Packet.PROTO_ICMP);
        p.icmpType = 3;
        p.icmpCode = code;
        p.hasQuote = true;
        p.quotedProtocol = quotedProtocol;
        IpAddress qs = IpAddress.parse(quotedSrc);
        IpAddress qd = IpAddress.parse(quotedDst);
        p.quotedSrcHi = qs.hi();
        p.quotedSrcLo = qs.lo();
        p.quotedDstHi = qd.hi();
        p.quotedDstLo = qd.lo();
        p.quotedSrcPort = qsport;
        p.quotedDstPort = qdport;
        return p;
    }
}
