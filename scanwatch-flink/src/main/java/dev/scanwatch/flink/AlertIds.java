package dev.scanwatch.flink;

import dev.scanwatch.core.model.Protocol;
import dev.scanwatch.core.net.IpAddress;

/**
 * Alert ids of the Flink job: a hash of what identifies an alert (which detector, its source or
 * target, protocol, and the event time its evidence starts at), not a run-wide counter that
 * parallel instances would have to share. The same input gives the same ids on every run, after
 * a restart from a checkpoint, and at any parallelism. Never negative (the core reads a negative
 * id as "not fired").
 */
final class AlertIds {

    /** The per-source detector's alerts (sweeps, scans, block scans). */
    static final int SOURCE = 1;
    /** The per-target detector's distributed scans. */
    static final int TARGET = 2;

    private AlertIds() {
    }

    static long of(int detector, IpAddress who, Protocol protocol, long firstNanos) {
        long h = 0x9E3779B97F4A7C15L * (detector + 1);
        h = mix(h ^ who.hi());
        h = mix(h ^ who.lo());
        h = mix(h ^ protocol.ordinal());
        h = mix(h ^ firstNanos);
        return h & Long.MAX_VALUE;
    }

    /** SplitMix64's finaliser. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
