package dev.scanwatch.bench.jmh;

import dev.scanwatch.core.packet.Packet;

/** A frozen copy of the reader's reused flyweight, so packets can be replayed without decoding. */
final class PacketCopy {

    private PacketCopy() {
    }

    static Packet of(Packet p) {
        Packet c = new Packet();
        c.timeNanos = p.timeNanos;
        c.ipVersion = p.ipVersion;
        c.srcHi = p.srcHi;
        c.srcLo = p.srcLo;
        c.dstHi = p.dstHi;
        c.dstLo = p.dstLo;
        c.protocol = p.protocol;
        c.srcPort = p.srcPort;
        c.dstPort = p.dstPort;
        c.tcpFlags = p.tcpFlags;
        c.tcpWindow = p.tcpWindow;
        c.payloadLength = p.payloadLength;
        c.icmpType = p.icmpType;
        c.icmpCode = p.icmpCode;
        c.icmpId = p.icmpId;
        c.hasQuote = p.hasQuote;
        c.quotedProtocol = p.quotedProtocol;
        c.quotedSrcHi = p.quotedSrcHi;
        c.quotedSrcLo = p.quotedSrcLo;
        c.quotedDstHi = p.quotedDstHi;
        c.quotedDstLo = p.quotedDstLo;
        c.quotedSrcPort = p.quotedSrcPort;
        c.quotedDstPort = p.quotedDstPort;
        return c;
    }
}
