package dev.scanwatch.bench.capture;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;

/**
 * Writes a little-endian microsecond capture (Ethernet), classic pcap or pcapng, through one large
 * reusable buffer: at 20 M records a per-record write call or allocation would dominate the
 * generator's time. Frames are copied into the buffer and can then be patched in place (see
 * {@link #append}), so the generator rewrites addresses without a copy of its own.
 *
 * <p>pcapng: one section header block, one interface description block without options (so
 * microseconds, the format's default resolution), then an enhanced packet block per frame.
 */
public final class CaptureWriter implements Closeable {

    /** Large enough that the channel sees few, big writes. */
    static final int BUFFER_BYTES = 4 << 20;

    private static final int PCAPNG_SECTION_HEADER = 0x0A0D0D0A;
    private static final int PCAPNG_BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    private static final int PCAPNG_SECTION_HEADER_LENGTH = 28;
    private static final int PCAPNG_INTERFACE_DESCRIPTION = 1;
    private static final int PCAPNG_INTERFACE_DESCRIPTION_LENGTH = 20;
    private static final int PCAPNG_ENHANCED_PACKET = 6;
    /** Type, length, interface id, timestamp (two words), captured and original length; the trailing length. */
    private static final int PCAPNG_PACKET_OVERHEAD = 32;
    /** Unknown section length: readers walk the blocks. */
    private static final long PCAPNG_SECTION_LENGTH_UNKNOWN = -1;
    private static final short PCAPNG_VERSION_MAJOR = 1;
    private static final short PCAPNG_VERSION_MINOR = 0;
    /** The one interface described, which every packet block names. */
    private static final int PCAPNG_INTERFACE = 0;
    private static final byte[] PADDING = new byte[3];

    private final WritableByteChannel out;
    private final CaptureFormat format;
    private final ByteBuffer buf = ByteBuffer.allocateDirect(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);

    /** A classic pcap. */
    public CaptureWriter(WritableByteChannel out) throws IOException {
        this(out, CaptureFormat.PCAP);
    }

    public CaptureWriter(WritableByteChannel out, CaptureFormat format) throws IOException {
        this.out = out;
        this.format = format;
        if (format == CaptureFormat.PCAP) {
            putPcapHeader();
        } else {
            putPcapngHeader();
        }
    }

    private void putPcapHeader() {
        buf.putInt(PcapFormat.MAGIC_MICROS);
        buf.putShort((short) PcapFormat.VERSION_MAJOR).putShort((short) PcapFormat.VERSION_MINOR);
        buf.putInt(0).putInt(0); // thiszone, sigfigs: always zero in practice
        buf.putInt(PcapFormat.SNAPLEN).putInt(PcapFormat.LINKTYPE_ETHERNET);
    }

    /** One section (of unknown length) with one Ethernet interface, no options: microsecond stamps. */
    private void putPcapngHeader() {
        buf.putInt(PCAPNG_SECTION_HEADER).putInt(PCAPNG_SECTION_HEADER_LENGTH).putInt(PCAPNG_BYTE_ORDER_MAGIC);
        buf.putShort(PCAPNG_VERSION_MAJOR).putShort(PCAPNG_VERSION_MINOR).putLong(PCAPNG_SECTION_LENGTH_UNKNOWN);
        buf.putInt(PCAPNG_SECTION_HEADER_LENGTH);
        buf.putInt(PCAPNG_INTERFACE_DESCRIPTION).putInt(PCAPNG_INTERFACE_DESCRIPTION_LENGTH);
        buf.putShort((short) PcapFormat.LINKTYPE_ETHERNET).putShort((short) 0 /* reserved */).putInt(PcapFormat.SNAPLEN);
        buf.putInt(PCAPNG_INTERFACE_DESCRIPTION_LENGTH);
    }

    /**
     * Appends one record and returns the buffer index where its frame bytes start, valid until
     * the next call, so the caller may patch the copy in place.
     */
    public int append(long timeNanos, byte[] frame, int wireLength) throws IOException {
        long micros = timeNanos / PcapFormat.NANOS_PER_MICRO;
        return format == CaptureFormat.PCAP ? putPcapRecord(micros, frame, wireLength)
                : putEnhancedPacket(micros, frame, wireLength);
    }

    private int putPcapRecord(long micros, byte[] frame, int wireLength) throws IOException {
        if (buf.remaining() < PcapFormat.RECORD_HEADER + frame.length) {
            flush();
        }
        buf.putInt((int) (micros / 1_000_000L)).putInt((int) (micros % 1_000_000L));
        buf.putInt(frame.length).putInt(wireLength);
        int start = buf.position();
        buf.put(frame);
        return start;
    }

    /** The frame padded to 32 bits, with the block's length before and after it. */
    private int putEnhancedPacket(long micros, byte[] frame, int wireLength) throws IOException {
        int padded = (frame.length + 3) & ~3;
        int length = PCAPNG_PACKET_OVERHEAD + padded;
        if (buf.remaining() < length) {
            flush();
        }
        buf.putInt(PCAPNG_ENHANCED_PACKET).putInt(length).putInt(PCAPNG_INTERFACE);
        buf.putInt((int) (micros >>> 32)).putInt((int) micros);
        buf.putInt(frame.length).putInt(wireLength);
        int start = buf.position();
        buf.put(frame).put(PADDING, 0, padded - frame.length);
        buf.putInt(length);
        return start;
    }

    /** The buffer the last frame was copied into; network fields in it are big-endian. */
    public ByteBuffer frameBuffer() {
        return buf;
    }

    private void flush() throws IOException {
        buf.flip();
        while (buf.hasRemaining()) {
            out.write(buf);
        }
        buf.clear();
    }

    @Override
    public void close() throws IOException {
        flush();
        out.close();
    }
}
