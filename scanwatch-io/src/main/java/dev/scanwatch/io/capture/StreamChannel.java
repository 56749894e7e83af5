package dev.scanwatch.io.capture;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * A channel over an input stream that makes one stream read per call. {@code Channels.newChannel}
 * keeps reading until the buffer is full, so a gzip error near the end would discard up to a
 * whole window of good data already inflated; here at most one chunk is lost.
 */
final class StreamChannel implements ReadableByteChannel {

    private static final int CHUNK = 64 * 1024;

    private final InputStream in;
    private final byte[] chunk = new byte[CHUNK];
    private boolean open = true;

    StreamChannel(InputStream in) {
        this.in = in;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        int n = in.read(chunk, 0, Math.min(chunk.length, dst.remaining()));
        if (n > 0) {
            dst.put(chunk, 0, n);
        }
        return n;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    /** Does not close the stream: the caller owns it (stdin must stay usable). */
    @Override
    public void close() {
        open = false;
    }
}
