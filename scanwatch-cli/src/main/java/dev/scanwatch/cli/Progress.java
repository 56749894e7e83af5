package dev.scanwatch.cli;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A progress line on stderr for long inputs (records, bytes, rate, ETA), redrawn in place a few
 * times a second. Only when stderr is a terminal: logs and pipes get nothing. The wall clock is
 * read here, at the edge; the detection core never sees it.
 */
final class Progress {

    /** Inputs smaller than this finish before a progress line would help. */
    static final long MIN_BYTES = 32L << 20;
    private static final long REDRAW_NANOS = 250_000_000L;
    /** Look at the clock once per this many records: cheap enough for the per-packet path. */
    private static final int CLOCK_EVERY = 1 << 14;

    private final PrintWriter err;
    private final String name;
    private final long totalBytes;
    final long startNanos = System.nanoTime();
    private long bytes;
    private long records;
    private long lastDraw = startNanos;
    private boolean drawn;

    Progress(PrintWriter err, String name, long totalBytes) {
        this.err = err;
        this.name = name;
        this.totalBytes = totalBytes;
    }

    /** Whether standard error is a terminal (Linux: fd 2 links to a tty; elsewhere: a console). */
    static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }

    InputStream count(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    bytes++;
                }
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                int n = super.read(buf, off, len);
                if (n > 0) {
                    bytes += n;
                }
                return n;
            }
        };
    }

    /** One record (packet or flow) done. */
    void tick() {
        if ((++records & (CLOCK_EVERY - 1)) != 0) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastDraw >= REDRAW_NANOS) {
            lastDraw = now;
            draw(now);
        }
    }

    void draw(long now) {
        double seconds = Math.max(1e-9, (now - startNanos) / 1e9);
        StringBuilder line = new StringBuilder("\r").append(name).append(": ").append(human(records))
                .append(" records, ").append(human(records / seconds)).append("/s");
        if (totalBytes > 0 && bytes > 0) {
            double share = Math.min(1.0, (double) bytes / totalBytes);
            long eta = (long) (seconds / share * (1 - share));
            line.append(String.format(Locale.ROOT, ", %.0f %% of %s, ETA %d:%02d", share * 100, mib(totalBytes),
                    eta / 60, eta % 60));
        }
        err.print(line.append("   "));
        err.flush();
        drawn = true;
    }

    /** Clears the line, so that what follows starts clean. */
    void done() {
        if (drawn) {
            err.print("\r" + " ".repeat(100) + "\r");
            err.flush();
        }
    }

    private static String human(double n) {
        return n >= 1e6 ? String.format(Locale.ROOT, "%.1f M", n / 1e6)
                : n >= 1e3 ? String.format(Locale.ROOT, "%.1f k", n / 1e3) : String.format(Locale.ROOT, "%.0f", n);
    }

    private static String mib(long b) {
        return b >= 1L << 30 ? String.format(Locale.ROOT, "%.1f GiB", b / (double) (1L << 30))
                : String.format(Locale.ROOT, "%d MiB", b >> 20);
    }
}
