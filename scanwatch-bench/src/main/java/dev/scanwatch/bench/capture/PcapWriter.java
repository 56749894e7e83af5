package dev.scanwatch.bench.capture;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;

/**
 * Writes a classic little-endian microsecond pcap (Ethernet) through one large reusable buffer:
 * at 20 M records a per-record write call or allocation would dominate the generator's time.
 * Frames are copied into the buffer and can then be patched in place (see {@link #frameStart}),
 * so the generator rewrites addresses without a copy of its own.
 */
public final class PcapWriter implements Closeable {

    /** Large enough that the channel sees few, big writes. */
    static final int BUFFER_BYTES = 4 << 20;

    private final WritableByteChannel out;
    private final ByteBuffer buf = ByteBuffer.allocateDirect(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private long records;

    public PcapWriter(WritableByteChannel out) throws IOException {
        this.out = out;
        buf.putInt(PcapFormat.MAGIC_MICROS);
        buf.putShort((short) PcapFormat.VERSION_MAJOR).putShort((short) PcapFormat.VERSION_MINOR);
        buf.putInt(0).putInt(0); // thiszone, sigfigs: always zero in practice
        buf.putInt(PcapFormat.SNAPLEN).putInt(PcapFormat.LINKTYPE_ETHERNET);
    }

    /**
     * Appends one record and returns the buffer index where its frame bytes start, valid until
     * the next call, so the caller may patch the copy in place.
     */
    public int append(long timeNanos, byte[] frame, int wireLength) throws IOException {
        if (buf.remaining() < PcapFormat.RECORD_HEADER + frame.length) {
            flush();
        }
        long micros = timeNanos / PcapFormat.NANOS_PER_MICRO;
        buf.putInt((int) (micros / 1_000_000L)).putInt((int) (micros % 1_000_000L));
        buf.putInt(frame.length).putInt(wireLength);
        int start = buf.position();
        buf.put(frame);
        records++;
        return start;
    }

    /** The buffer the last frame was copied into; network fields in it are big-endian. */
    public ByteBuffer frameBuffer() {
        return buf;
    }

    public long records() {
        return records;
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
