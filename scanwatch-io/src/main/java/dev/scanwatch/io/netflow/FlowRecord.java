package dev.scanwatch.io.netflow;

import dev.scanwatch.core.net.IpAddress;

/**
 * One decoded flow record, reused for every record of a datagram (the decoder allocates nothing per
 * record): copy what must be kept. Addresses are carried as two longs each, IPv4 mapped, as in
 * {@link dev.scanwatch.core.packet.Packet}.
 */
public final class FlowRecord {

    /** Marks a counter or time the record did not carry. */
    public static final long ABSENT = -1;

    public int ipVersion;
    public long srcHi;
    public long srcLo;
    public long dstHi;
    public long dstLo;
    public int protocol;
    public int srcPort;
    public int dstPort;
    /** TCP flags this direction sent (union), 0 when absent. */
    public int tcpFlags;
    /** ICMP type * 256 + code, from icmpTypeCode* elements or else the NetFlow destination-port convention. */
    public int icmpTypeCode;
    public long packets;
    public long bytes;
    /** Flow start and end, epoch milliseconds; the export time when the record carried none. */
    public long startMillis;
    public long endMillis;
    /** True when the start came from no time field of the record (the export time stands in). */
    public boolean timeFromExport;
    /** RFC 5103 biflow: the reverse direction's counters and flags are present. */
    public boolean hasReverse;
    public long reversePackets;
    public long reverseBytes;
    public int reverseTcpFlags;
    /** The exporter's sampling interval when the record was decoded (1 in N packets), 0 when not known. */
    public long samplingInterval;

    /** Time parts read from the record; {@link RecordTimes} turns them into start and end. */
    final RecordTimes times = new RecordTimes();
    boolean hasSrc;
    boolean hasDst;
    int icmpType;
    int icmpCode;

    void clear() {
        // In two halves, each small enough for the JIT to inline into the per-record loop under
        // the launcher's inlining limit (docs/DECISIONS.md §13); as one it was not.
        clearKey();
        clearCounters();
    }

    private void clearKey() {
        ipVersion = 0;
        srcHi = 0;
        srcLo = 0;
        dstHi = 0;
        dstLo = 0;
        protocol = 0;
        srcPort = 0;
        dstPort = 0;
        tcpFlags = 0;
        icmpTypeCode = -1;
        icmpType = -1;
        icmpCode = -1;
        hasSrc = false;
        hasDst = false;
    }

    private void clearCounters() {
        packets = ABSENT;
        bytes = ABSENT;
        startMillis = 0;
        endMillis = 0;
        timeFromExport = false;
        hasReverse = false;
        reversePackets = ABSENT;
        reverseBytes = ABSENT;
        reverseTcpFlags = 0;
        samplingInterval = 0;
        times.clear();
    }

    /** Whether both addresses were present: records without them (aggregates) cannot be probes. */
    public boolean hasAddresses() {
        return hasSrc && hasDst;
    }

    public IpAddress src() {
        return new IpAddress(srcHi, srcLo);
    }

    public IpAddress dst() {
        return new IpAddress(dstHi, dstLo);
    }

    void setSrcV4(int v4) {
        srcHi = 0;
        srcLo = IpAddress.v4Lo(v4);
        ipVersion = 4;
        hasSrc = true;
    }

    void setDstV4(int v4) {
        dstHi = 0;
        dstLo = IpAddress.v4Lo(v4);
        ipVersion = 4;
        hasDst = true;
    }

    void setSrcV6(long hi, long lo) {
        srcHi = hi;
        srcLo = lo;
        ipVersion = 6;
        hasSrc = true;
    }

    void setDstV6(long hi, long lo) {
        dstHi = hi;
        dstLo = lo;
        ipVersion = 6;
        hasDst = true;
    }

    @Override
    public String toString() {
        return IpAddress.format(srcHi, srcLo) + ":" + srcPort + " > " + IpAddress.format(dstHi, dstLo) + ":" + dstPort
               + " proto " + protocol + " flags 0x" + Integer.toHexString(tcpFlags) + " pkts " + packets
               + " start " + startMillis + (hasReverse ? " rev pkts " + reversePackets
                                                         + " flags 0x" + Integer.toHexString(reverseTcpFlags) : "");
    }
}
