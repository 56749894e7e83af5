package dev.scanwatch.flink;

/** Event time in the core is epoch nanoseconds; Flink's timestamps and timers are milliseconds. */
final class EventTime {

    private EventTime() {
    }

    /** The millisecond a deadline in nanoseconds has passed at: the timer for it. */
    static long timerFor(long deadlineNanos) {
        return Math.floorDiv(deadlineNanos, 1_000_000L) + (Math.floorMod(deadlineNanos, 1_000_000L) == 0 ? 0 : 1);
    }

    /** A timer's (or watermark's) millisecond as the core's nanoseconds, saturated. */
    static long nanos(long millis) {
        if (millis >= Long.MAX_VALUE / 1_000_000L) {
            return Long.MAX_VALUE;
        }
        if (millis <= Long.MIN_VALUE / 1_000_000L) {
            return Long.MIN_VALUE;
        }
        return millis * 1_000_000L;
    }

    static long millis(long nanos) {
        return Math.floorDiv(nanos, 1_000_000L);
    }
}
