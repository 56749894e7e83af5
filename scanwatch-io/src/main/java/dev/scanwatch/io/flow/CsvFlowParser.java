package dev.scanwatch.io.flow;

import dev.scanwatch.io.capture.CaptureProblem;

import java.io.IOException;

/**
 * The line loop every CSV flow format shares: the first non-blank line is the header, a header
 * repeated later (concatenated exports) is skipped, every other line is a record, and a record
 * that does not parse is counted as malformed while reading goes on. Formats say only how their
 * header and rows are read, and which lines are not records.
 */
abstract class CsvFlowParser implements FlowParser {

    private String headerLine;
    private final CsvRow row = new CsvRow();

    /** Reads the header line; a problem (a needed column missing) stops the file. */
    protected abstract CaptureProblem header(String line, LineInput in, ReadContext ctx);

    /** The delimiter the header showed. */
    protected abstract char delimiter();

    /** Parses one record; false when it is malformed. */
    protected abstract boolean row(CsvRow fields, ReadContext ctx);

    /** A line after which nothing more is records (nfdump's summary). */
    protected boolean endsRecords(String line) {
        return false;
    }

    /** A line that is neither a record nor malformed (rows of bare delimiters). */
    protected boolean isFiller(String line) {
        return false;
    }

    @Override
    public final CaptureProblem run(LineInput in, ReadContext ctx) throws IOException {
        String line;
        while ((line = in.next()) != null) {
            if (line.isBlank()) {
                continue;
            }
            if (headerLine == null) {
                CaptureProblem problem = header(line, in, ctx);
                if (problem != null) {
                    return problem;
                }
                headerLine = line;
                continue;
            }
            if (endsRecords(line)) {
                break;
            }
            if (line.equals(headerLine) || isFiller(line)) {
                continue; // exports concatenated from several files repeat their header
            }
            ctx.record();
            if (in.truncated() || !row(row.reset(line, delimiter()), ctx)) {
                ctx.malformed(in);
            }
        }
        return null;
    }
}
