package dev.scanwatch.io.capture;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Builds small captures in memory for tests, in classic pcap (µs or ns, either byte order) or
 * pcapng (several sections and interfaces, EPB/SPB/OPB, if_tsresol, unknown blocks), optionally
 * gzipped:
 *
 * <pre>{@code
 * byte[] capture = CaptureBuilder.pcap()
 *         .tcp("10.0.0.1", 4444, "10.0.0.2", 445, CaptureBuilder.SYN).at(1_700_000_000L)
 *         .tcp("10.0.0.2", 445, "10.0.0.1", 4444, CaptureBuilder.SYN | CaptureBuilder.ACK)
 *         .bytes();
 * }</pre>
 *
 * Each packet is wrapped in the link layer of the capture (pcap) or of the current interface
 * (pcapng). Unless {@link #at} says otherwise a packet comes 1 ms after the previous one,
 * the first at {@link #DEFAULT_START_SECONDS}.
 */
public final class CaptureBuilder {

    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;
    public static final int URG = 0x20;
    public static final int ECE = 0x40;
    public static final int CWR = 0x80;

    public static final int LINKTYPE_ETHERNET = 1;
    public static final long DEFAULT_START_SECONDS = 1_700_000_000L;
    public static final int DEFAULT_SNAPLEN = 262_144;
    /** if_tsresol values: 10^-6 (the pcapng default), 10^-9, and 2^-n via {@link #tsresolBinary}. */
    public static final int TSRESOL_MICROS = 6;
    public static final int TSRESOL_NANOS = 9;

    private static final long NANOS = 1_000_000_000L;
    private static final long STEP_NANOS = 1_000_000L;
    private static final int PCAP_MAGIC_MICROS = 0xA1B2C3D4;
    private static final int PCAP_MAGIC_NANOS = 0xA1B23C4D;
    private static final int SHB = 0x0A0D0D0A;
    private static final int IDB = 1;
    private static final int OPB = 2;
    private static final int SPB = 3;
    private static final int EPB = 6;
    private static final int OPT_COMMENT = 1;
    private static final int OPT_IF_TSRESOL = 9;
    private static final int OPT_IF_TSOFFSET = 14;

    /** How a packet is stored in pcapng. */
    public enum BlockKind { ENHANCED, SIMPLE, OBSOLETE }

    private enum Container { PCAP, PCAP_NANOS, PCAPNG }

    private interface Entry {
    }

    private record Section(ByteOrder order) implements Entry {
    }

    private record Interface(int linkType, int snaplen, Integer tsresol, long tsoffsetSeconds) implements Entry {
    }

    private record RawBlock(int type, byte[] body) implements Entry {
    }

    private static final class Record implements Entry {
        final int iface;
        final byte[] frame;
        long timeNanos;
        BlockKind kind = BlockKind.ENHANCED;
        String comment;

        Record(int iface, byte[] frame, long timeNanos) {
            this.iface = iface;
            this.frame = frame;
            this.timeNanos = timeNanos;
        }
    }

    private final Container container;
    private final List<Entry> entries = new ArrayList<>();
    private ByteOrder order = ByteOrder.LITTLE_ENDIAN;
    private int linkType = LINKTYPE_ETHERNET;
    private int snaplen = DEFAULT_SNAPLEN;
    private Frames.Tag[] tags = new Frames.Tag[0];
    /** pcapng: interfaces of the current section, and the one packets go to. */
    private final List<Interface> sectionInterfaces = new ArrayList<>();
    private int currentInterface = -1;
    private Record last;
    private long nextTimeNanos = DEFAULT_START_SECONDS * NANOS;

    private CaptureBuilder(Container container) {
        this.container = container;
    }

    /** Classic pcap, microsecond timestamps, little-endian, Ethernet. */
    public static CaptureBuilder pcap() {
        return new CaptureBuilder(Container.PCAP);
    }

    /** Classic pcap with nanosecond timestamps (magic a1b23c4d). */
    public static CaptureBuilder pcapNanos() {
        return new CaptureBuilder(Container.PCAP_NANOS);
    }

    /** pcapng, little-endian; an Ethernet µs interface is added if a packet comes before any {@link #iface}. */
    public static CaptureBuilder pcapng() {
        return new CaptureBuilder(Container.PCAPNG);
    }

    // ---- container settings -----------------------------------------------------------------

    /** Byte order of the pcap file, or of the current pcapng section. */
    public CaptureBuilder byteOrder(ByteOrder byteOrder) {
        if (container == Container.PCAPNG && !entries.isEmpty()) {
            throw new IllegalStateException("set the byte order before adding anything, or use newSection");
        }
        this.order = byteOrder;
        return this;
    }

    public CaptureBuilder bigEndian() {
        return byteOrder(ByteOrder.BIG_ENDIAN);
    }

    public CaptureBuilder littleEndian() {
        return byteOrder(ByteOrder.LITTLE_ENDIAN);
    }

    /** Classic pcap: the file's link type; packets are wrapped accordingly. */
    public CaptureBuilder linkType(int type) {
        requirePcap("linkType (use iface for pcapng)");
        this.linkType = type;
        return this;
    }

    /** Classic pcap: the file's snap length; pcapng: the snap length of interfaces added later. */
    public CaptureBuilder snaplen(int length) {
        this.snaplen = length;
        return this;
    }

    /** VLAN tags (outermost first) for the Ethernet frames added from now on; none clears them. */
    public CaptureBuilder vlan(Frames.Tag... vlanTags) {
        this.tags = vlanTags.clone();
        return this;
    }

    /** 802.1Q tags with these ids (outermost first). */
    public CaptureBuilder vlan(int... ids) {
        return vlan(Arrays.stream(ids).mapToObj(Frames::dot1q).toArray(Frames.Tag[]::new));
    }

    /** pcapng: starts a new section (interfaces start over) in the given byte order. */
    public CaptureBuilder newSection(ByteOrder byteOrder) {
        requirePcapng("newSection");
        entries.add(new Section(byteOrder));
        sectionInterfaces.clear();
        currentInterface = -1;
        return this;
    }

    /** pcapng: adds an interface (µs timestamps) and sends the following packets to it. */
    public CaptureBuilder iface(int type) {
        return iface(type, null, 0);
    }

    /** pcapng: adds an interface with an if_tsresol option (e.g. {@link #TSRESOL_NANOS}). */
    public CaptureBuilder iface(int type, int tsresol) {
        return iface(type, tsresol, 0);
    }

    /** pcapng: an interface with if_tsresol (null: no option) and if_tsoffset in seconds (0: no option). */
    public CaptureBuilder iface(int type, Integer tsresol, long tsoffsetSeconds) {
        requirePcapng("iface");
        Interface i = new Interface(type, snaplen, tsresol, tsoffsetSeconds);
        entries.add(i);
        sectionInterfaces.add(i);
        currentInterface = sectionInterfaces.size() - 1;
        return this;
    }

    /** The if_tsresol value for 2^-exponent seconds. */
    public static int tsresolBinary(int exponent) {
        return 0x80 | exponent;
    }

    /** pcapng: sends the following packets to interface {@code index} of the current section. */
    public CaptureBuilder onInterface(int index) {
        requirePcapng("onInterface");
        if (index < 0 || index >= sectionInterfaces.size()) {
            throw new IllegalArgumentException("no interface " + index + " in this section");
        }
        currentInterface = index;
        return this;
    }

    /** pcapng: a block of a type the reader does not know, with a body of {@code bodyLength} zero bytes. */
    public CaptureBuilder unknownBlock(int type, int bodyLength) {
        requirePcapng("unknownBlock");
        entries.add(new RawBlock(type, new byte[bodyLength]));
        return this;
    }

    // ---- packets ----------------------------------------------------------------------------

    public CaptureBuilder tcp(String src, int srcPort, String dst, int dstPort, int flags) {
        return tcp(src, srcPort, dst, dstPort, flags, 0);
    }

    public CaptureBuilder tcp(String src, int srcPort, String dst, int dstPort, int flags, int payloadLength) {
        return ip(Frames.tcp(src, srcPort, dst, dstPort, flags, payloadLength));
    }

    public CaptureBuilder udp(String src, int srcPort, String dst, int dstPort) {
        return udp(src, srcPort, dst, dstPort, 0);
    }

    public CaptureBuilder udp(String src, int srcPort, String dst, int dstPort, int payloadLength) {
        return ip(Frames.udp(src, srcPort, dst, dstPort, payloadLength));
    }

    public CaptureBuilder icmpEcho(String src, String dst, int id, int seq) {
        return ip(Frames.icmpEcho(src, dst, id, seq));
    }

    public CaptureBuilder icmpEchoReply(String src, String dst, int id, int seq) {
        return ip(Frames.icmpEchoReply(src, dst, id, seq));
    }

    /** ICMP(v6) port unreachable from {@code from} to {@code to}, quoting a UDP probe. */
    public CaptureBuilder icmpPortUnreachable(String from, String to, String probeSrc, int probeSrcPort,
                                              String probeDst, int probeDstPort) {
        return ip(Frames.icmpPortUnreachable(from, to, probeSrc, probeSrcPort, probeDst, probeDstPort));
    }

    /** A bare IP header with this protocol and no payload, as nmap -sO sends. */
    public CaptureBuilder ipProto(String src, String dst, int protocol) {
        return ip(Frames.ip(src, dst, protocol, new byte[0]));
    }

    /** An IP packet, wrapped in the current link layer. */
    public CaptureBuilder ip(byte[] ipPacket) {
        return frame(Frames.encapsulate(currentLinkType(), ipPacket, tags));
    }

    /** A complete link-layer frame, stored as is. */
    public CaptureBuilder frame(byte[] linkFrame) {
        int iface = 0;
        if (container == Container.PCAPNG) {
            if (currentInterface < 0) {
                iface(LINKTYPE_ETHERNET);
            }
            iface = currentInterface;
        }
        last = new Record(iface, linkFrame.clone(), nextTimeNanos);
        entries.add(last);
        nextTimeNanos += STEP_NANOS;
        return this;
    }

    /** Sets the last packet's time; later packets follow it by 1 ms each. */
    public CaptureBuilder at(long epochSeconds) {
        return atNanos(epochSeconds * NANOS);
    }

    public CaptureBuilder at(long epochSeconds, long nanos) {
        return atNanos(epochSeconds * NANOS + nanos);
    }

    public CaptureBuilder atNanos(long epochNanos) {
        requireLast("at").timeNanos = epochNanos;
        nextTimeNanos = epochNanos + STEP_NANOS;
        return this;
    }

    /** pcapng: stores the last packet as a Simple Packet Block (interface 0, no timestamp). */
    public CaptureBuilder simple() {
        requirePcapng("simple");
        requireLast("simple").kind = BlockKind.SIMPLE;
        return this;
    }

    /** pcapng: stores the last packet as an obsolete Packet Block (type 2). */
    public CaptureBuilder obsolete() {
        requirePcapng("obsolete");
        requireLast("obsolete").kind = BlockKind.OBSOLETE;
        return this;
    }

    /** pcapng: gives the last packet an opt_comment option (enhanced blocks only). */
    public CaptureBuilder comment(String text) {
        requirePcapng("comment");
        requireLast("comment").comment = text;
        return this;
    }

    /** Number of packet records added. */
    public int packetCount() {
        return (int) entries.stream().filter(e -> e instanceof Record).count();
    }

    // ---- output -----------------------------------------------------------------------------

    public byte[] bytes() {
        return write().bytes;
    }

    /** Byte offset of the {@code index}-th packet record (or block) in {@link #bytes()}. */
    public long recordOffset(int index) {
        return write().recordOffsets.get(index);
    }

    /** The capture as a single gzip member. */
    public byte[] gzipBytes() {
        return gzip(bytes());
    }

    public static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public Path writeTo(Path file) throws IOException {
        return Files.write(file, bytes());
    }

    public Path writeGzipTo(Path file) throws IOException {
        return Files.write(file, gzipBytes());
    }

    private record Written(byte[] bytes, List<Long> recordOffsets) {
    }

    private Written write() {
        return container == Container.PCAPNG ? writePcapng() : writePcap();
    }

    private Written writePcap() {
        boolean nanos = container == Container.PCAP_NANOS;
        Output out = new Output(order);
        out.i32(nanos ? PCAP_MAGIC_NANOS : PCAP_MAGIC_MICROS).i16(2).i16(4).i32(0).i32(0).i32(snaplen).i32(linkType);
        List<Long> offsets = new ArrayList<>();
        for (Entry e : entries) {
            Record r = (Record) e;
            offsets.add((long) out.size());
            int captured = Math.min(r.frame.length, snaplen);
            long fraction = Math.floorMod(r.timeNanos, NANOS);
            out.i32((int) Math.floorDiv(r.timeNanos, NANOS)).i32((int) (nanos ? fraction : fraction / 1000));
            out.i32(captured).i32(r.frame.length).bytes(r.frame, captured);
        }
        return new Written(out.toByteArray(), offsets);
    }

    private Written writePcapng() {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        List<Long> offsets = new ArrayList<>();
        ByteOrder sectionOrder = order;
        List<Interface> interfaces = new ArrayList<>();
        boolean started = false;
        for (Entry e : entries) {
            if (e instanceof Section s) {
                sectionOrder = s.order();
                interfaces.clear();
                all.writeBytes(sectionHeader(sectionOrder));
                started = true;
                continue;
            }
            if (!started) {
                all.writeBytes(sectionHeader(sectionOrder));
                started = true;
            }
            if (e instanceof Interface i) {
                interfaces.add(i);
                all.writeBytes(interfaceBlock(i, sectionOrder));
            } else if (e instanceof RawBlock raw) {
                all.writeBytes(block(raw.type(), new Output(sectionOrder).bytes(raw.body(), raw.body().length), sectionOrder));
            } else {
                Record r = (Record) e;
                offsets.add((long) all.size());
                all.writeBytes(packetBlock(r, interfaces, sectionOrder));
            }
        }
        if (!started) {
            all.writeBytes(sectionHeader(sectionOrder));
        }
        return new Written(all.toByteArray(), offsets);
    }

    private static byte[] sectionHeader(ByteOrder order) {
        Output body = new Output(order).i32(0x1A2B3C4D).i16(1).i16(0).i64(-1L);
        return block(SHB, body, order);
    }

    private static byte[] interfaceBlock(Interface i, ByteOrder order) {
        Output body = new Output(order).i16(i.linkType()).i16(0).i32(i.snaplen());
        boolean options = false;
        if (i.tsresol() != null) {
            body.option(OPT_IF_TSRESOL, new byte[] {(byte) (int) i.tsresol()});
            options = true;
        }
        if (i.tsoffsetSeconds() != 0) {
            body.option(OPT_IF_TSOFFSET, ByteBuffer.allocate(8).order(order).putLong(i.tsoffsetSeconds()).array());
            options = true;
        }
        if (options) {
            body.i16(0).i16(0);
        }
        return block(IDB, body, order);
    }

    private static byte[] packetBlock(Record r, List<Interface> interfaces, ByteOrder order) {
        Interface iface = interfaces.get(r.kind == BlockKind.SIMPLE ? 0 : r.iface);
        int captured = iface.snaplen() > 0 ? Math.min(r.frame.length, iface.snaplen()) : r.frame.length;
        if (r.kind == BlockKind.SIMPLE) {
            Output body = new Output(order).i32(r.frame.length).bytes(r.frame, captured).pad();
            return block(SPB, body, order);
        }
        long ticks = ticks(r.timeNanos, iface);
        Output body = new Output(order);
        if (r.kind == BlockKind.OBSOLETE) {
            body.i16(r.iface).i16(0);
        } else {
            body.i32(r.iface);
        }
        body.i32((int) (ticks >>> 32)).i32((int) ticks).i32(captured).i32(r.frame.length).bytes(r.frame, captured).pad();
        if (r.comment != null) {
            body.option(OPT_COMMENT, r.comment.getBytes(StandardCharsets.UTF_8)).i16(0).i16(0);
        }
        return block(r.kind == BlockKind.OBSOLETE ? OPB : EPB, body, order);
    }

    /** Time in the interface's units: (nanos - offset) * units-per-second / 10^9, rounded down. */
    private static long ticks(long timeNanos, Interface iface) {
        int resol = iface.tsresol() == null ? TSRESOL_MICROS : iface.tsresol();
        BigInteger unitsPerSecond = (resol & 0x80) != 0
                ? BigInteger.ONE.shiftLeft(resol & 0x7F)
                : BigInteger.TEN.pow(resol);
        BigInteger nanos = BigInteger.valueOf(timeNanos - iface.tsoffsetSeconds() * NANOS);
        return nanos.multiply(unitsPerSecond).divide(BigInteger.valueOf(NANOS)).longValue();
    }

    private static byte[] block(int type, Output body, ByteOrder order) {
        int length = 12 + body.size();
        return new Output(order).i32(type).i32(length).bytes(body.toByteArray(), body.size()).i32(length).toByteArray();
    }

    private int currentLinkType() {
        if (container != Container.PCAPNG) {
            return linkType;
        }
        if (currentInterface < 0) {
            iface(LINKTYPE_ETHERNET);
        }
        return sectionInterfaces.get(currentInterface).linkType();
    }

    private Record requireLast(String what) {
        if (last == null) {
            throw new IllegalStateException(what + " needs a packet before it");
        }
        return last;
    }

    private void requirePcap(String what) {
        if (container == Container.PCAPNG) {
            throw new IllegalStateException(what + " applies to classic pcap only");
        }
    }

    private void requirePcapng(String what) {
        if (container != Container.PCAPNG) {
            throw new IllegalStateException(what + " applies to pcapng only");
        }
    }

    /** A growable byte sink with a fixed byte order. */
    private static final class Output {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final ByteBuffer scratch;

        Output(ByteOrder order) {
            scratch = ByteBuffer.allocate(8).order(order);
        }

        Output i16(int v) {
            out.write(scratch.clear().putShort((short) v).array(), 0, 2);
            return this;
        }

        Output i32(int v) {
            out.write(scratch.clear().putInt(v).array(), 0, 4);
            return this;
        }

        Output i64(long v) {
            out.write(scratch.clear().putLong(v).array(), 0, 8);
            return this;
        }

        Output bytes(byte[] data, int length) {
            out.write(data, 0, length);
            return this;
        }

        Output pad() {
            while (out.size() % 4 != 0) {
                out.write(0);
            }
            return this;
        }

        Output option(int code, byte[] value) {
            return i16(code).i16(value.length).bytes(value, value.length).pad();
        }

        int size() {
            return out.size();
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }
}
