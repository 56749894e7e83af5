package dev.scanwatch.io.flow;

import java.util.Arrays;

/**
 * One CSV line cut into field offsets, reused from line to line: a field becomes a string only
 * when a parser asks for it. CICFlowMeter rows have over 80 columns of which a dozen are read, and
 * a substring per column was most of what reading a flow log allocated. No quoting (neither ra,
 * nfdump nor CICFlowMeter quotes fields).
 */
final class CsvRow {

    private String line = "";
    private int[] starts = new int[32];
    private int[] ends = new int[32];
    private int size;

    /** Cuts {@code line} at every {@code delimiter}. */
    CsvRow reset(String line, char delimiter) {
        this.line = line;
        size = 0;
        int start = 0;
        while (true) {
            int end = line.indexOf(delimiter, start);
            if (size == starts.length) {
                starts = Arrays.copyOf(starts, size * 2);
                ends = Arrays.copyOf(ends, size * 2);
            }
            starts[size] = start;
            ends[size] = end < 0 ? line.length() : end;
            size++;
            if (end < 0) {
                return this;
            }
            start = end + 1;
        }
    }

    int size() {
        return size;
    }

    /** The field at a column, trimmed as {@link String#trim()} does; null when the column is absent or the row too short. */
    String field(int index) {
        if (index < 0 || index >= size) {
            return null;
        }
        int start = starts[index];
        int end = ends[index];
        while (start < end && line.charAt(start) <= ' ') {
            start++;
        }
        while (end > start && line.charAt(end - 1) <= ' ') {
            end--;
        }
        return line.substring(start, end);
    }
}
