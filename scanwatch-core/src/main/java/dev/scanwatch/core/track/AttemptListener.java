package dev.scanwatch.core.track;

import dev.scanwatch.core.model.Attempt;
import dev.scanwatch.core.model.Outcome;
import dev.scanwatch.core.model.Protocol;
import dev.scanwatch.core.model.Technique;
import dev.scanwatch.core.net.IpAddress;

/** Receives attempts as their outcomes become known (so not strictly in probe-time order). */
@FunctionalInterface
public interface AttemptListener {

    void onAttempt(Attempt attempt);

    /**
     * The same attempt as the tracker holds it, field by field. The tracker calls this one, so a
     * listener that only copies the fields (to another thread, say) overrides it, and no
     * {@link Attempt} or {@link IpAddress} is made on the tracker's side.
     */
    default void onAttempt(long timeNanos, long srcHi, long srcLo, long dstHi, long dstLo, Protocol protocol,
                           int port, int srcPort, Technique technique, Outcome outcome) {
        onAttempt(new Attempt(timeNanos, new IpAddress(srcHi, srcLo), new IpAddress(dstHi, dstLo), protocol, port,
                srcPort, technique, outcome));
    }
}
