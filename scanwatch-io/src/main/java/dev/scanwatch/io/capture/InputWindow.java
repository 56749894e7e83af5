package dev.scanwatch.io.capture;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ReadableByteChannel;
import java.util.zip.ZipException;

/**
 * A sliding window over a byte stream: one reusable direct buffer, refilled in large reads and
 * compacted when a record would run past its end, grown only for records larger than itself.
 * Parsers read by absolute index between {@link #position()} and {@link #limit()}.
 *
 * <p>The buffer is always big-endian, which is what the frame decoder wants; capture headers in
 * little-endian files are byte-swapped by the parsers.
 */
final class InputWindow {

    static final int DEFAULT_CAPACITY = 1 << 20;

    private final ReadableByteChannel channel;
    private ByteBuffer buf;
    private int position;
    private int limit;
    /** Stream offset of buffer index 0, so that offsets in problems refer to the whole stream. */
    private long base;
    private boolean eof;

    InputWindow(ReadableByteChannel channel) {
        this(channel, DEFAULT_CAPACITY);
    }

    InputWindow(ReadableByteChannel channel, int capacity) {
        this.channel = channel;
        this.buf = ByteBuffer.allocateDirect(capacity).order(ByteOrder.BIG_ENDIAN);
    }

    /** The current buffer; it changes when the window grows, so fetch it after {@link #request}. */
    ByteBuffer buffer() {
        return buf;
    }

    /** Buffer index of the next unread byte; it moves on compaction, so fetch it after {@link #request}. */
    int position() {
        return position;
    }

    int available() {
        return limit - position;
    }

    /** Stream offset of the next unread byte. */
    long offset() {
        return base + position;
    }

    void skip(int n) {
        position += n;
    }

    /**
     * Makes at least {@code n} bytes available from {@link #position()}, reading as needed.
     *
     * @return false when the stream ends first ({@link #available()} then tells how many there are)
     * @throws CorruptStreamException when the compressed stream underneath is damaged
     */
    boolean request(int n) throws IOException {
        if (limit - position >= n) {
            return true;
        }
        if (eof) {
            return false;
        }
        makeRoom(n);
        while (limit - position < n) {
            int read = fill();
            if (read < 0) {
                eof = true;
                return false;
            }
        }
        return true;
    }

    private void makeRoom(int n) {
        if (buf.capacity() - position >= n) {
            return;
        }
        int kept = limit - position;
        ByteBuffer target = buf;
        if (n > buf.capacity()) {
            target = ByteBuffer.allocateDirect(Math.max(n, buf.capacity() * 2)).order(ByteOrder.BIG_ENDIAN);
        }
        buf.limit(limit).position(position);
        if (target == buf) {
            buf.compact();
        } else {
            target.put(buf);
        }
        buf = target;
        base += position;
        position = 0;
        limit = kept;
    }

    private int fill() throws IOException {
        buf.limit(buf.capacity()).position(limit);
        int read;
        try {
            read = channel.read(buf);
        } catch (ZipException e) {
            throw new CorruptStreamException("corrupt gzip data (" + e.getMessage() + ")", e);
        } catch (EOFException e) {
            // Only the inflater reports EOF by exception (channels return -1): the gzip was cut short.
            throw new CorruptStreamException("truncated gzip data", e);
        }
        if (read > 0) {
            limit += read;
        }
        return read;
    }
}
