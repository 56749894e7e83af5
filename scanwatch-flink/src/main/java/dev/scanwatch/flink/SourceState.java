package dev.scanwatch.flink;

import dev.scanwatch.core.detect.SourceActivity;

import java.io.Serializable;

/**
 * Keyed state of the per-(source, protocol) detector: the core's {@link SourceActivity} and what
 * the embedded table keeps around it (which idle queue it is in, its pending timer). Java
 * serialised (registered for Kryo with Flink's JavaSerializer): the activity's fastutil
 * collections keep their arrays in transient fields that only their own writeObject restores.
 */
final class SourceState implements Serializable {

    private static final long serialVersionUID = 1L;

    final SourceActivity activity;
    /** Kept for the long horizon (ScanDetector's slow idle queue) instead of the source idle one. */
    boolean slow;
    /** Event time of the earliest attempt counted: part of the alert id. */
    long firstNanos = Long.MAX_VALUE;
    /** The event-time timer pending for this key, in ms, or {@link #NO_TIMER}. */
    long timerMillis = NO_TIMER;

    static final long NO_TIMER = Long.MIN_VALUE;

    SourceState(SourceActivity activity) {
        this.activity = activity;
    }
}
