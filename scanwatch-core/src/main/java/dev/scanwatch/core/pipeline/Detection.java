package dev.scanwatch.core.pipeline;

import dev.scanwatch.core.model.Attempt;
import dev.scanwatch.core.track.AttemptListener;

/**
 * What the connection tracker feeds: attempts and the advance of event time, in one order. The
 * detectors see nothing else, so whoever replays the same calls in the same order (on this
 * thread or another) gets the same alerts.
 */
public interface Detection extends AttemptListener {

    @Override
    void onAttempt(Attempt attempt);

    /** Event time is now {@code nanos}: idle sources and targets close. Never goes back. */
    void advanceTo(long nanos);

    /** End of input: every open alert closes with its final state. */
    void finish();

    /**
     * The input is about to wait (a live capture between packets): whatever was called so far
     * must reach the detectors now, not when more input comes. A no-op for detectors called
     * directly; a stage that buffers calls hands them over.
     */
    default void flush() {
    }

    /** The detectors' own counters, one line. */
    String describe();
}
