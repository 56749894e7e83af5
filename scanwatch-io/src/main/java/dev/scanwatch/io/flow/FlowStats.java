package dev.scanwatch.io.flow;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Records skipped while reading a flow log, by reason, with the first malformed line numbers. */
public final class FlowStats {

    /** Enough line numbers to find the problem in an editor without flooding stderr. */
    static final int MALFORMED_LINES_KEPT = 5;

    private final long[] counts = new long[SkipReason.values().length];
    private final List<Long> malformedLines = new ArrayList<>();
    /** What {@link #malformedLines} counts: lines of a text log, or byte offsets of a binary file. */
    private String where = "line";

    void skip(SkipReason reason) {
        counts[reason.ordinal()]++;
    }

    void malformed(long lineNumber) {
        counts[SkipReason.MALFORMED.ordinal()]++;
        if (malformedLines.size() < MALFORMED_LINES_KEPT) {
            malformedLines.add(lineNumber);
        }
    }

    /** A binary record at this byte offset could not be parsed. */
    void malformedAtOffset(long byteOffset) {
        where = "byte offset";
        malformed(byteOffset);
    }

    /** Records skipped for this reason. */
    public long count(SkipReason reason) {
        return counts[reason.ordinal()];
    }

    /** Records skipped for any reason. */
    public long total() {
        long sum = 0;
        for (long c : counts) {
            sum += c;
        }
        return sum;
    }

    /** Line numbers (1-based) of the first few malformed lines, or byte offsets of malformed binary records. */
    public List<Long> malformedLines() {
        return Collections.unmodifiableList(malformedLines);
    }

    /** One line, e.g. "12 answers only, 3 multicast/broadcast, 2 malformed (lines 4, 9)"; "none skipped" when empty. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (SkipReason reason : SkipReason.values()) {
            long n = counts[reason.ordinal()];
            if (n == 0) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(n).append(' ').append(reason.label());
            if (reason == SkipReason.MALFORMED) {
                sb.append(" (").append(where).append(malformedLines.size() == 1 ? " " : "s ");
                for (int i = 0; i < malformedLines.size(); i++) {
                    sb.append(i == 0 ? "" : ", ").append(malformedLines.get(i));
                }
                sb.append(n > malformedLines.size() ? ", ...)" : ")");
            }
        }
        return sb.length() == 0 ? "none skipped" : sb.toString();
    }

    @Override
    public String toString() {
        return describe();
    }
}
