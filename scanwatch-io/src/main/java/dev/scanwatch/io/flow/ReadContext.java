package dev.scanwatch.io.flow;

import dev.scanwatch.core.model.Protocol;
import dev.scanwatch.core.net.IpAddress;
import dev.scanwatch.io.capture.CaptureProblem;

/** What a format parser shares with the reader: the counters, the output queue, and problem building. */
final class ReadContext {

    final String source;
    final FlowStats stats;
    final AttemptQueue queue;
    private long records;

    ReadContext(String source, FlowStats stats, AttemptQueue queue) {
        this.source = source;
        this.stats = stats;
        this.queue = queue;
    }

    /** One data record read (whatever becomes of it). */
    void record() {
        records++;
    }

    long records() {
        return records;
    }

    /** The current line is a record that could not be parsed: count it and go on. */
    void malformed(LineInput in) {
        stats.malformed(in.lineNumber());
    }

    /** A problem that stops reading, pointing at the current line. */
    CaptureProblem problem(LineInput in, String message) {
        return new CaptureProblem(source, in.lineOffset(), message + " at line " + in.lineNumber());
    }

    /** A problem that stops reading a binary file, pointing at this byte offset. */
    CaptureProblem problemAt(long byteOffset, String message) {
        return new CaptureProblem(source, byteOffset, message);
    }

    /**
     * Emits (through the queue) the attempt a two-sided record stands for, or counts it skipped;
     * multicast and broadcast destinations are skipped first. Returns the slot, or null when skipped.
     */
    ProbeSlot probe(long startNanos, IpAddress src, IpAddress dst, Protocol protocol, int port, int srcPort,
                    Verdict verdict) {
        if (FlowRules.isMulticastOrBroadcast(dst)) {
            stats.skip(SkipReason.MULTICAST);
            return null;
        }
        if (verdict.skipped()) {
            stats.skip(verdict.skip());
            return null;
        }
        ProbeSlot slot = new ProbeSlot(startNanos, src, dst, protocol, port, srcPort, verdict);
        queue.add(slot);
        return slot;
    }
}
