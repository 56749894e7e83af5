package dev.scanwatch.io.flow;

import dev.scanwatch.core.model.Attempt;
import dev.scanwatch.io.capture.CaptureProblem;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Reads flow logs (Zeek conn.log as TSV or JSON, Argus CSV and binetflow, nfdump CSV and nfdump's binary
 * files, CICFlowMeter CSV) into the
 * same {@link Attempt}s the packet tracker makes, so the same detectors run on them. Attempts are
 * handed on in file order (one per record, or per record and its reverse for NetFlow), some of them
 * a little later than read: those that wait for an answer in a later record or for enough event time
 * to be called FILTERED. docs/FLOW-OUTCOMES.md has the inference rules.
 *
 * <p>Data problems never throw: malformed lines and records are counted (the first few line
 * numbers, or byte offsets in binary files, kept) and reading goes on; a header without the
 * required columns is a {@link CaptureProblem} naming the line, with no attempts. Only real I/O
 * failures throw.
 */
public final class FlowReader {

    /**
     * The outcome of reading one flow log.
     *
     * @param records  data records read (header and comment lines not counted)
     * @param attempts attempts handed on
     * @param skipped  records that made no attempt of their own, by reason
     * @param problem  null when the log was read to its end
     */
    public record Result(String source, FlowFormat format, long records, long attempts, FlowStats skipped,
                         CaptureProblem problem) {
        /** True when the log was read to its end. */
        public boolean complete() {
            return problem == null;
        }
    }

    /** The packet tracker's default: an unanswered probe is FILTERED after this long. */
    public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(5);
    /** Attempts waiting at once before the oldest is decided without its evidence. */
    static final int MAX_WAITING = 100_000;

    private FlowReader() {
    }

    /**
     * The format of a file starting with {@code head[0, length)} (already decompressed), or null
     * when it is none of the flow logs this reader knows.
     */
    public static FlowFormat detect(byte[] head, int length) {
        return FormatDetector.detect(head, length);
    }

    /** Reads a flow log with the default response timeout; the stream is not closed. */
    public static Result read(String source, InputStream in, FlowFormat format, Consumer<Attempt> out)
            throws IOException {
        return read(source, in, format, DEFAULT_RESPONSE_TIMEOUT, out);
    }

    /**
     * Reads a flow log; the stream is not closed.
     *
     * @param responseTimeout an unanswered probe this much older than the data around it is FILTERED
     *                        (the CLI's --response-timeout)
     */
    public static Result read(String source, InputStream in, FlowFormat format, Duration responseTimeout,
                              Consumer<Attempt> out) throws IOException {
        FlowStats stats = new FlowStats();
        long timeout = responseTimeout.toNanos();
        long window = format.oneDirectional() ? NetflowPairing.PAIR_WINDOW_NANOS : timeout;
        AttemptQueue queue = new AttemptQueue(out, stats, window, timeout, MAX_WAITING);
        ReadContext ctx = new ReadContext(source, stats, queue);
        CaptureProblem problem;
        try {
            problem = parser(format).run(in, ctx);
        } catch (IOException e) {
            throw new IOException(source + ": " + (e.getMessage() != null ? e.getMessage()
                    : e.getClass().getSimpleName()), e);
        }
        queue.finish();
        return new Result(source, format, ctx.records(), queue.attempts(), stats, problem);
    }

    /** How a format is read from the raw stream: text logs line by line, nfdump's files as bytes. */
    @FunctionalInterface
    private interface StreamParser {
        CaptureProblem run(InputStream in, ReadContext ctx) throws IOException;
    }

    private static StreamParser parser(FlowFormat format) {
        return switch (format) {
            case ZEEK_CONN -> lines(new ZeekTsvParser());
            case ZEEK_CONN_JSON -> lines(new ZeekJsonParser());
            case ARGUS_CSV -> lines(new ArgusCsvParser());
            case NFDUMP_CSV -> lines(new NfdumpCsvParser());
            case CICFLOWMETER_CSV -> lines(new CicFlowMeterCsvParser());
            case NFCAPD -> new NfcapdParser()::run;
        };
    }

    private static StreamParser lines(FlowParser parser) {
        return (in, ctx) -> parser.run(new LineInput(in), ctx);
    }
}
