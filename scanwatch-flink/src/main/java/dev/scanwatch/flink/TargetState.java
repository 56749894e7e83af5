package dev.scanwatch.flink;

import dev.scanwatch.core.distributed.TargetActivity;

import java.io.Serializable;

/** Keyed state of the per-(target, protocol) detector: the core's {@link TargetActivity} and its timer. */
final class TargetState implements Serializable {

    private static final long serialVersionUID = 1L;

    final TargetActivity activity;
    long firstNanos = Long.MAX_VALUE;
    long timerMillis = SourceState.NO_TIMER;

    TargetState(TargetActivity activity) {
        this.activity = activity;
    }
}
