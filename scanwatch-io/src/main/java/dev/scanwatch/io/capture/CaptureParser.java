package dev.scanwatch.io.capture;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Walks the records of one capture format through the input window and feeds each frame to the
 * sink. Data problems end the walk with a {@link CaptureProblem}; only real I/O failures throw.
 */
abstract class CaptureParser {

    static final long NANOS_PER_SECOND = TimeScale.NANOS_PER_SECOND;

    final InputWindow in;
    final FrameSink sink;
    final String source;
    /** True when the capture's byte order differs from the (big-endian) window's. */
    boolean swapped;

    CaptureParser(InputWindow in, FrameSink sink, String source) {
        this.in = in;
        this.sink = sink;
        this.source = source;
    }

    /** The format name for {@link CaptureReader.ReadResult#format()}. */
    abstract String format();

    /** Reads to the end; returns null at a clean end, else what stopped the walk. */
    abstract CaptureProblem parse() throws IOException;

    final CaptureProblem run() throws IOException {
        try {
            return parse();
        } catch (CorruptStreamException e) {
            // Parsers advance only after a whole record is handled, so this is the record's start.
            return problem(in.offset(), e.getMessage());
        }
    }

    final CaptureProblem problem(long offset, String message) {
        return new CaptureProblem(source, offset, message);
    }

    final int u16(ByteBuffer b, int index) {
        short v = b.getShort(index);
        return (swapped ? Short.reverseBytes(v) : v) & 0xFFFF;
    }

    final int i32(ByteBuffer b, int index) {
        int v = b.getInt(index);
        return swapped ? Integer.reverseBytes(v) : v;
    }

    final long u32(ByteBuffer b, int index) {
        return i32(b, index) & 0xFFFF_FFFFL;
    }

    final long i64(ByteBuffer b, int index) {
        long v = b.getLong(index);
        return swapped ? Long.reverseBytes(v) : v;
    }

    /**
     * Two 32-bit words in one read (one bounds check), the first in the high half whatever the
     * byte order: a pcap record's seconds and fraction, a pcapng timestamp's high and low words.
     */
    final long u32Pair(ByteBuffer b, int index) {
        long v = b.getLong(index);
        return swapped ? Long.rotateLeft(Long.reverseBytes(v), 32) : v;
    }
}
