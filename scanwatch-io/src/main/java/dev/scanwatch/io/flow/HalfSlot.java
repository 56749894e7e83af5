package dev.scanwatch.io.flow;

import dev.scanwatch.core.model.Attempt;
import dev.scanwatch.core.model.Outcome;

/** A one-directional record waiting in the queue for its reverse flow. */
final class HalfSlot extends AttemptQueue.Slot {

    final NetflowHalf half;
    /** Run when the slot leaves the queue, to forget it in the pairing index. */
    Runnable onRetire;

    HalfSlot(NetflowHalf half) {
        super(half.startNanos());
        this.half = half;
    }

    /**
     * The reverse flow arrived: decide the pair. Returns how long the answer took, or -1.
     */
    long pairWith(NetflowHalf later) {
        boolean firstOpens = NetflowPairing.firstIsOriginator(half, later);
        NetflowHalf orig = firstOpens ? half : later;
        NetflowHalf resp = firstOpens ? later : half;
        Verdict v = NetflowPairing.paired(orig, resp);
        if (v.skipped()) {
            drop(v.skip(), 2);
            return -1;
        }
        long start = orig.timeUnknown() && !resp.timeUnknown() ? resp.startNanos() : orig.startNanos();
        if (orig.timeUnknown() && resp.timeUnknown()) {
            start = startNanos; // whatever the queue filled in
        }
        decide(attempt(orig, start, v.technique(), v.outcome() == null ? Outcome.UNKNOWN : v.outcome()));
        boolean timed = !orig.timeUnknown() && !resp.timeUnknown();
        return timed ? Math.max(0, resp.startNanos() - orig.startNanos()) : -1;
    }

    @Override
    void close(AttemptQueue.Close how, Outcome noAnswer) {
        Verdict v = NetflowPairing.alone(half);
        if (v.skipped()) {
            drop(v.skip(), 1);
            return;
        }
        decide(attempt(half, startNanos, v.technique(), v.outcome() != null ? v.outcome() : noAnswer));
    }

    @Override
    void retired() {
        if (onRetire != null) {
            onRetire.run();
        }
    }

    private static Attempt attempt(NetflowHalf h, long start, dev.scanwatch.core.model.Technique technique,
                                   Outcome outcome) {
        boolean echo = h.protocol() == dev.scanwatch.core.model.Protocol.ICMP;
        return new Attempt(start == Timestamps.INVALID ? 0 : start, h.src(), h.dst(), h.protocol(),
                echo ? 0 : h.dstPort(), echo ? 0 : h.srcPort(), technique, outcome);
    }
}
