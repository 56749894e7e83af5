package dev.scanwatch.core.track;

/**
 * How long answers take in this input, and so when a probe still unanswered at the end of the
 * input counts as FILTERED rather than UNKNOWN: when it waited much longer than the answers did
 * (nmap adapts its timeouts the same way). One rule for packets (the tracker) and flow logs.
 */
public final class AnswerDelays {

    /** A probe unanswered for this many times the slowest answer seen is filtered... */
    static final int END_OF_INPUT_ANSWER_DELAYS = 4;
    /** ...but never on less than this much waiting. */
    static final long MIN_END_OF_INPUT_WAIT_NANOS = 100_000_000L;

    private final long responseTimeoutNanos;
    /** The longest a probe waited for its answer; -1 before any answer. */
    private long slowestNanos = -1;

    public AnswerDelays(long responseTimeoutNanos) {
        this.responseTimeoutNanos = responseTimeoutNanos;
    }

    /** An answer came this long after its probe (capped at the response timeout). */
    public void answered(long delayNanos) {
        slowestNanos = Math.max(slowestNanos, Math.min(delayNanos, responseTimeoutNanos));
    }

    /**
     * The wait after which a probe unanswered at the end of the input is filtered: four times the
     * slowest answer, at least 100 ms, at most the response timeout; the timeout itself when the
     * input held no answer at all (one-sided captures stay UNKNOWN).
     */
    public long enoughAtEndOfInput() {
        return slowestNanos < 0 ? responseTimeoutNanos
                : Math.min(responseTimeoutNanos, Math.max(MIN_END_OF_INPUT_WAIT_NANOS,
                        END_OF_INPUT_ANSWER_DELAYS * slowestNanos));
    }
}
