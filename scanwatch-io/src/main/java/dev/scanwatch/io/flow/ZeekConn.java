package dev.scanwatch.io.flow;

import dev.scanwatch.core.net.IpAddress;

/**
 * The fields of one Zeek conn.log record that matter here, whichever way it was written.
 * Counts are -1 and strings null when unset ("-") or absent.
 */
record ZeekConn(long tsNanos, long durationNanos, IpAddress orig, int origPort, IpAddress resp, int respPort,
                String proto, String connState, String history, long origPkts, long respPkts,
                long origBytes, long respBytes) {

    static final long UNSET = -1;

    /** Whether the responder sent anything, by its counters (history aside). */
    boolean respCounted() {
        return respPkts > 0 || respBytes > 0;
    }
}
