package dev.scanwatch.io.flow;

import dev.scanwatch.core.model.Attempt;
import dev.scanwatch.core.track.AnswerDelays;
import dev.scanwatch.core.model.Outcome;

import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * Hands attempts on in file order while some of them still wait: for the answer half of a
 * one-directional record, for an ICMP error, or for enough event time to call an unanswered probe
 * FILTERED. A bounded reorder buffer: the head leaves once it is decided, or once the data has
 * moved a window past its start, or when the buffer is full (then an unanswered probe is
 * UNKNOWN, as the packet tracker's evictions are).
 *
 * <p>Unanswered probes still waiting at the end get the tracker's end-of-input rule
 * ({@link AnswerDelays}): FILTERED when they waited long compared with this input's answers,
 * else UNKNOWN.
 */
final class AttemptQueue {

    /** How an undecided slot is being closed. */
    enum Close {
        /** The data moved a whole window past its start: no answer is coming. */
        WINDOW_PASSED,
        /** The input ended: decide by how long before its end the flow started. */
        END_OF_INPUT,
        /** The buffer is full: decide now, without the evidence. */
        EVICTED
    }

    /** One record's place in the output order. */
    abstract static class Slot {
        long startNanos;
        /** The later of its start and the data's time when it was queued: files are only roughly time-ordered. */
        private long dueBase = Timestamps.INVALID;
        private boolean decided;
        private Attempt attempt;
        private SkipReason dropReason;
        private int dropCount;

        Slot(long startNanos) {
            this.startNanos = startNanos;
        }

        final boolean decided() {
            return decided;
        }

        final void decide(Attempt a) {
            decided = true;
            attempt = a;
        }

        /** Decided as no attempt: {@code records} records skipped for {@code reason}. */
        final void drop(SkipReason reason, int records) {
            decided = true;
            dropReason = reason;
            dropCount = records;
        }

        /** Records this slot stands for that were skipped (0 until dropped). */
        final int droppedRecords() {
            return dropCount;
        }

        /** Decide an undecided slot; {@code noAnswer} is the outcome an unanswered probe gets now. */
        abstract void close(Close how, Outcome noAnswer);

        /** Called once the slot has left the queue (to forget lookup entries). */
        void retired() {
        }
    }

    private final Consumer<Attempt> out;
    private final FlowStats stats;
    private final long windowNanos;
    private final AnswerDelays answerDelays;
    private final int capacity;
    private final ArrayDeque<Slot> slots = new ArrayDeque<>();
    private long dataEnd = Timestamps.INVALID;
    private long attempts;

    /**
     * @param windowNanos how far past a slot's start the data must move before it is closed
     *                    unanswered; at least the response timeout
     */
    AttemptQueue(Consumer<Attempt> out, FlowStats stats, long windowNanos, long responseTimeoutNanos, int capacity) {
        this.out = out;
        this.stats = stats;
        this.windowNanos = Math.max(windowNanos, responseTimeoutNanos);
        this.answerDelays = new AnswerDelays(responseTimeoutNanos);
        this.capacity = capacity;
    }

    void add(Slot slot) {
        slot.dueBase = later(slot.startNanos, dataEnd);
        slots.addLast(slot);
        flush();
    }

    /** Event time reached {@code timeNanos} (a flow's start or end): close what is overdue. */
    void observe(long timeNanos) {
        if (timeNanos != Timestamps.INVALID && (dataEnd == Timestamps.INVALID || timeNanos > dataEnd)) {
            dataEnd = timeNanos;
        }
        flush();
    }

    /** How long an answered probe waited for its answer, when the format tells. */
    void noteAnswerDelay(long nanos) {
        if (nanos >= 0) {
            answerDelays.answered(nanos);
        }
    }

    /** Slots whose start time is not known yet (a record with a zero time stamp) take this one. */
    void fillUnknownTimes(long timeNanos) {
        for (Slot s : slots) {
            if (s.startNanos == Timestamps.INVALID) {
                s.startNanos = timeNanos;
            }
            if (s.dueBase == Timestamps.INVALID) {
                s.dueBase = timeNanos;
            }
        }
    }

    /** The input ended: decide and hand on everything still waiting. */
    void finish() {
        long enough = answerDelays.enoughAtEndOfInput();
        while (!slots.isEmpty()) {
            Slot s = slots.peekFirst();
            if (!s.decided()) {
                boolean waited = s.startNanos != Timestamps.INVALID && dataEnd != Timestamps.INVALID
                                 && dataEnd - s.startNanos >= enough;
                s.close(Close.END_OF_INPUT, waited ? Outcome.FILTERED : Outcome.UNKNOWN);
            }
            pop();
        }
    }

    long attempts() {
        return attempts;
    }

    int size() {
        return slots.size();
    }

    private void flush() {
        while (!slots.isEmpty()) {
            Slot head = slots.peekFirst();
            if (!head.decided()) {
                if (overdue(head)) {
                    head.close(Close.WINDOW_PASSED, Outcome.FILTERED);
                } else if (slots.size() > capacity) {
                    head.close(Close.EVICTED, Outcome.UNKNOWN);
                } else {
                    return;
                }
            }
            pop();
        }
    }

    /** A slot waits a whole window of event time after it was queued, even in a file that steps back in time. */
    private boolean overdue(Slot s) {
        return s.dueBase != Timestamps.INVALID && dataEnd != Timestamps.INVALID && dataEnd - s.dueBase >= windowNanos;
    }

    private static long later(long a, long b) {
        if (a == Timestamps.INVALID) {
            return b;
        }
        return b == Timestamps.INVALID ? a : Math.max(a, b);
    }

    private void pop() {
        Slot s = slots.pollFirst();
        if (!s.decided()) {
            throw new IllegalStateException("slot closed without a decision: " + s);
        }
        if (s.attempt != null) {
            attempts++;
            out.accept(s.attempt);
        } else {
            for (int i = 0; i < s.dropCount; i++) {
                stats.skip(s.dropReason);
            }
        }
        s.retired();
    }
}
