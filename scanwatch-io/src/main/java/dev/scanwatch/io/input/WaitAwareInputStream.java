package dev.scanwatch.io.input;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A stream that says when its next read would wait: a live capture piped in (tcpdump -w -) has
 * nothing more to give between bursts, and whatever the reader has batched for another thread must
 * go now, or an alert would wait for traffic that may not come. Asking costs one
 * {@code available()} per read, and reads are tens of kilobytes.
 */
public final class WaitAwareInputStream extends FilterInputStream {

    private final Runnable beforeWaiting;

    /** @param beforeWaiting called on the reading thread before a read that finds nothing buffered */
    public WaitAwareInputStream(InputStream in, Runnable beforeWaiting) {
        super(in);
        this.beforeWaiting = beforeWaiting;
    }

    @Override
    public int read() throws IOException {
        announceWait();
        return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        announceWait();
        return in.read(b, off, len);
    }

    private void announceWait() throws IOException {
        if (in.available() == 0) {
            beforeWaiting.run();
        }
    }
}
