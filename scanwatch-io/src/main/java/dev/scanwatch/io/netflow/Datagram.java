package dev.scanwatch.io.netflow;

import dev.scanwatch.core.net.IpAddress;

import java.nio.ByteBuffer;

/** What the decoder knows about the datagram being decoded; one instance, reused. */
final class Datagram {

    ByteBuffer buf;
    /** Where the datagram starts in {@link #buf}, for byte offsets in problem messages. */
    int start;
    IpAddress exporter;
    ExporterStats stats;
    int version;
    /** Source ID (v9) or observation domain (IPFIX); 0 for v5. */
    long domain;
    long exportMillis;
    /** v5/v9 header sysUptime, or {@link RecordTimes#NONE} for IPFIX. */
    long headerUptime;
    Malformation problem;
    String problemDetail;

    void begin(ByteBuffer buf, int start, IpAddress exporter, ExporterStats stats) {
        this.buf = buf;
        this.start = start;
        this.exporter = exporter;
        this.stats = stats;
        this.version = 0;
        this.domain = 0;
        this.exportMillis = 0;
        this.headerUptime = RecordTimes.NONE;
        this.problem = null;
        this.problemDetail = null;
    }

    /** Notes why decoding stopped; always returns false so callers can {@code return fail(...)}. */
    boolean fail(Malformation m, int at, String detail) {
        problem = m;
        problemDetail = m.label() + (detail == null ? "" : " (" + detail + ")") + " at byte " + (at - start);
        return false;
    }

    int u8(int at) {
        return buf.get(at) & 0xFF;
    }

    int u16(int at) {
        return buf.getShort(at) & 0xFFFF;
    }

    long u32(int at) {
        return buf.getInt(at) & 0xFFFF_FFFFL;
    }

    /**
     * An unsigned big-endian number of 1 to 8 bytes (reduced-size encoding). The rare odd sizes
     * are a method of their own so that this one, called for every field, stays small enough to
     * inline under the launcher's limit (docs/DECISIONS.md §13).
     */
    long unsigned(int at, int length) {
        switch (length) {
            case 1:
                return buf.get(at) & 0xFF;
            case 2:
                return buf.getShort(at) & 0xFFFF;
            case 4:
                return buf.getInt(at) & 0xFFFF_FFFFL;
            case 8:
                return buf.getLong(at);
            default:
                return unsignedOddSize(at, length);
        }
    }

    private long unsignedOddSize(int at, int length) {
        long v = 0;
        for (int i = 0; i < length; i++) {
            v = (v << 8) | (buf.get(at + i) & 0xFF);
        }
        return v;
    }
}
