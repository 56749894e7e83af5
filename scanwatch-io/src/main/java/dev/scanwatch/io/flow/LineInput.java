package dev.scanwatch.io.flow;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Lines of a text log with their 1-based number and byte offset, for messages that point at the
 * data. Bytes are decoded as ISO-8859-1 so that no input can fail to decode: every field the
 * readers use is ASCII, and a stray byte then only makes its own line malformed.
 */
final class LineInput {

    private static final int BUFFER = 64 * 1024;
    /** Longer lines are not flow records (binary junk, a runaway field): they are cut and flagged. */
    static final int MAX_LINE = 1 << 20;

    private final InputStream in;
    private final byte[] buffer = new byte[BUFFER];
    private int position;
    private int limit;
    private byte[] line = new byte[256];
    private long nextOffset;
    private long lineNumber;
    private long lineOffset;
    private boolean truncated;
    private boolean eof;

    LineInput(InputStream in) {
        this.in = in;
    }

    /** The next line without its terminator (LF or CRLF), or null at the end of input. */
    String next() throws IOException {
        if (eof && position >= limit) {
            return null;
        }
        int length = 0;
        truncated = false;
        lineOffset = nextOffset;
        boolean any = false;
        while (true) {
            if (position >= limit) {
                if (!fill()) {
                    if (!any) {
                        return null;
                    }
                    break;
                }
            }
            any = true;
            byte b = buffer[position++];
            nextOffset++;
            if (b == '\n') {
                break;
            }
            if (length < MAX_LINE) {
                if (length == line.length) {
                    line = Arrays.copyOf(line, Math.min(MAX_LINE, line.length * 2));
                }
                line[length++] = b;
            } else {
                truncated = true;
            }
        }
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        lineNumber++;
        return new String(line, 0, length, StandardCharsets.ISO_8859_1);
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) {
            eof = true;
            limit = 0;
            position = 0;
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }

    /** 1-based number of the line last returned. */
    long lineNumber() {
        return lineNumber;
    }

    /** Byte offset where the line last returned starts. */
    long lineOffset() {
        return lineOffset;
    }

    /** Whether the line last returned was longer than {@link #MAX_LINE} and cut. */
    boolean truncated() {
        return truncated;
    }
}
