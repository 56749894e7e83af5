package dev.scanwatch.io.flow;

import dev.scanwatch.core.model.Attempt;
import dev.scanwatch.core.model.Outcome;
import dev.scanwatch.core.model.Protocol;
import dev.scanwatch.core.model.Technique;
import dev.scanwatch.core.net.IpAddress;

/** A probe read from a two-sided record: decided at once, or waiting for an ICMP error or for time. */
class ProbeSlot extends AttemptQueue.Slot {

    final IpAddress src;
    final IpAddress dst;
    final Protocol protocol;
    final int port;
    final int srcPort;
    private final Technique technique;
    /** Run when the slot leaves the queue: parsers that index waiting slots forget it there. */
    Runnable onRetire;

    ProbeSlot(long startNanos, IpAddress src, IpAddress dst, Protocol protocol, int port, int srcPort, Verdict verdict) {
        super(startNanos);
        this.src = src;
        this.dst = dst;
        this.protocol = protocol;
        this.port = port;
        this.srcPort = srcPort;
        this.technique = verdict.technique();
        if (verdict.outcome() != null) {
            decide(attempt(verdict.outcome()));
        }
    }

    /** An answer that arrived in a record of its own (an ICMP error). */
    void answer(Outcome outcome) {
        if (!decided()) {
            decide(attempt(outcome));
        }
    }

    @Override
    void close(AttemptQueue.Close how, Outcome noAnswer) {
        decide(attempt(noAnswer));
    }

    @Override
    void retired() {
        if (onRetire != null) {
            onRetire.run();
        }
    }

    private Attempt attempt(Outcome outcome) {
        return new Attempt(startNanos == Timestamps.INVALID ? 0 : startNanos, src, dst, protocol, port, srcPort,
                technique, outcome);
    }
}
