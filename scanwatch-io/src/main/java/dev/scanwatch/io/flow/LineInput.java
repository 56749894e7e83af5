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
        truncated = false;
        lineOffset = nextOffset;
        if (position >= limit && !fill()) {
            return null;
        }
        // The usual case: the whole line is in the buffer, and becomes a string without a copy.
        int newline = indexOfNewline(position, limit);
        if (newline >= 0 && newline - position <= MAX_LINE) {
            int start = position;
            position = newline + 1;
            nextOffset += position - start;
            lineNumber++;
            return text(buffer, start, newline - start);
        }
        // The line runs past the buffer (or past MAX_LINE): gather it chunk by chunk.
        int length = 0;
        while (true) {
            if (position >= limit && !fill()) {
                break;
            }
            newline = indexOfNewline(position, limit);
            int end = newline < 0 ? limit : newline;
            int chunk = end - position;
            int kept = Math.min(chunk, MAX_LINE - length);
            if (kept < chunk) {
                truncated = true;
            }
            if (length + kept > line.length) {
                line = Arrays.copyOf(line, Math.min(MAX_LINE, Math.max(line.length * 2, length + kept)));
            }
            System.arraycopy(buffer, position, line, length, kept);
            length += kept;
            nextOffset += chunk;
            position = end;
            if (newline >= 0) {
                position++;
                nextOffset++;
                break;
            }
        }
        lineNumber++;
        return text(line, 0, length);
    }

    private int indexOfNewline(int from, int to) {
        for (int i = from; i < to; i++) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** The line's text without a trailing CR. */
    private static String text(byte[] bytes, int start, int length) {
        if (length > 0 && bytes[start + length - 1] == '\r') {
            length--;
        }
        return new String(bytes, start, length, StandardCharsets.ISO_8859_1);
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
