package dev.scanwatch.io.netflow;

/**
 * Decodes the records of one data set with its template into the reused {@link FlowRecord}, or,
 * for an options template, reads the exporter's sampling and system-init time from it.
 */
final class DataSets {

    private static final int VARIABLE_ESCAPE = 255;
    private static final int ICMP_TYPE_SHIFT = 8;
    private static final int PROTO_ICMP = 1;
    private static final int PROTO_ICMPV6 = 58;
    // NetFlow v5 record layout
    private static final int V5_SRC = 0;
    private static final int V5_DST = 4;
    private static final int V5_PACKETS = 16;
    private static final int V5_BYTES = 20;
    private static final int V5_FIRST = 24;
    private static final int V5_LAST = 28;
    private static final int V5_SRC_PORT = 32;
    private static final int V5_DST_PORT = 34;
    private static final int V5_TCP_FLAGS = 37;
    private static final int V5_PROTOCOL = 38;

    private final FlowRecord record = new FlowRecord();
    private final FlowRecordListener listener;
    private final SamplingOptions sampling = new SamplingOptions();
    /** epoch ms of uptime 0 per (exporter, domain), from IPFIX systemInitTimeMilliseconds. */
    private final SystemInitTimes systemInit;
    /** Looked up once per set: what uptime-relative times count from. */
    private long uptimeBase;

    DataSets(FlowRecordListener listener, SystemInitTimes systemInit) {
        this.listener = listener;
        this.systemInit = systemInit;
    }

    /** The records of {@code [at, end)}; false when a variable-length record runs past the set. */
    boolean decode(Datagram d, Template t, int at, int end) {
        uptimeBase = d.headerUptime != RecordTimes.NONE ? d.exportMillis : systemInit.get(d.exporter, d.domain);
        if (!t.variable()) {
            int n = (end - at) / t.fixedLength; // what is left over is padding
            for (int i = 0; i < n; i++) {
                begin(t);
                int[] used = t.used;
                int[] offsets = t.usedOffsets;
                for (int u = 0; u < used.length; u++) {
                    int f = used[u];
                    field(d, t.roles[f], at + offsets[u], t.lengths[f]);
                }
                finish(d, t);
                at += t.fixedLength;
            }
            return true;
        }
        while (end - at >= t.minLength) {
            begin(t);
            for (int f = 0; f < t.lengths.length; f++) {
                int length = t.lengths[f];
                if (length == Template.VARIABLE) {
                    if (at >= end) {
                        return d.fail(Malformation.RECORD_PAST_END, at, "template " + t.id);
                    }
                    length = d.u8(at++);
                    if (length == VARIABLE_ESCAPE) {
                        if (end - at < 2) {
                            return d.fail(Malformation.RECORD_PAST_END, at, "template " + t.id);
                        }
                        length = d.u16(at);
                        at += 2;
                    }
                }
                if (length > end - at) {
                    return d.fail(Malformation.RECORD_PAST_END, at, "template " + t.id + " field " + f);
                }
                if (t.roles[f] != Role.NONE) {
                    field(d, t.roles[f], at, length);
                }
                at += length;
            }
            finish(d, t);
        }
        return true;
    }

    /** NetFlow v5: {@code count} fixed 48-byte records from {@code at}. */
    void v5Records(Datagram d, int at, int count) {
        FlowRecord r = record;
        for (int i = 0; i < count; i++, at += NetflowDecoder.V5_RECORD) {
            r.clear();
            r.setSrcV4(d.buf.getInt(at + V5_SRC));
            r.setDstV4(d.buf.getInt(at + V5_DST));
            r.packets = d.u32(at + V5_PACKETS);
            r.bytes = d.u32(at + V5_BYTES);
            r.times.startUptime = d.u32(at + V5_FIRST);
            r.times.endUptime = d.u32(at + V5_LAST);
            r.srcPort = d.u16(at + V5_SRC_PORT);
            r.dstPort = d.u16(at + V5_DST_PORT);
            r.tcpFlags = d.u8(at + V5_TCP_FLAGS);
            r.protocol = d.u8(at + V5_PROTOCOL);
            uptimeBase = d.exportMillis;
            finish(d, null);
        }
    }

    private void begin(Template t) {
        if (t.options) {
            sampling.clear();
        } else {
            record.clear();
        }
    }

    private void finish(Datagram d, Template t) {
        if (t != null && t.options) {
            finishOptions(d);
        } else {
            finishFlow(d);
        }
    }

    private void finishOptions(Datagram d) {
        long interval = sampling.interval();
        if (interval > 0) {
            d.stats.samplingInterval = interval;
        }
        if (sampling.systemInitMillis != RecordTimes.NONE) {
            systemInit.put(d.exporter, d.domain, sampling.systemInitMillis);
        }
    }

    /** A flow record is complete: to the listener. Split from finish() so that it inlines under the launcher's limit. */
    private void finishFlow(Datagram d) {
        FlowRecord r = record;
        if (!r.hasAddresses()) {
            d.stats.recordsWithoutAddresses++;
        } else {
            toListener(d, r);
        }
    }

    private void toListener(Datagram d, FlowRecord r) {
        r.times.resolve(r, d.exportMillis, uptimeBase, d.headerUptime);
        if (r.protocol == PROTO_ICMP || r.protocol == PROTO_ICMPV6) {
            icmpTypeCode(r);
        }
        r.samplingInterval = d.stats.samplingInterval;
        d.stats.records++;
        listener.onRecord(r);
    }

    private static void icmpTypeCode(FlowRecord r) {
        if (r.icmpTypeCode < 0 && r.icmpType >= 0) {
            r.icmpTypeCode = (r.icmpType << ICMP_TYPE_SHIFT) | Math.max(0, r.icmpCode);
        } else if (r.icmpTypeCode < 0) {
            r.icmpTypeCode = r.dstPort; // NetFlow's convention: type * 256 + code in the destination port
        }
    }

    private void field(Datagram d, int role, int at, int length) {
        FlowRecord r = record;
        switch (role) {
            case Role.SRC_V4 -> r.setSrcV4(d.buf.getInt(at));
            case Role.DST_V4 -> r.setDstV4(d.buf.getInt(at));
            case Role.SRC_V6 -> r.setSrcV6(d.buf.getLong(at), d.buf.getLong(at + 8));
            case Role.DST_V6 -> r.setDstV6(d.buf.getLong(at), d.buf.getLong(at + 8));
            case Role.SRC_PORT -> r.srcPort = (int) d.unsigned(at, length);
            case Role.DST_PORT -> r.dstPort = (int) d.unsigned(at, length);
            case Role.PROTOCOL -> r.protocol = (int) d.unsigned(at, length);
            case Role.TCP_FLAGS -> r.tcpFlags = (int) d.unsigned(at, length);
            case Role.PACKETS -> r.packets = d.unsigned(at, length);
            case Role.BYTES -> r.bytes = d.unsigned(at, length);
            case Role.START_UPTIME -> r.times.startUptime = d.unsigned(at, length);
            case Role.END_UPTIME -> r.times.endUptime = d.unsigned(at, length);
            case Role.START_SEC -> r.times.startSec = d.unsigned(at, length);
            case Role.END_SEC -> r.times.endSec = d.unsigned(at, length);
            case Role.START_MS -> r.times.startMs = d.unsigned(at, length);
            case Role.END_MS -> r.times.endMs = d.unsigned(at, length);
            case Role.START_NTP -> r.times.startNtp = d.unsigned(at, length);
            case Role.END_NTP -> r.times.endNtp = d.unsigned(at, length);
            case Role.START_DELTA_US -> r.times.startDeltaMicros = d.unsigned(at, length);
            case Role.END_DELTA_US -> r.times.endDeltaMicros = d.unsigned(at, length);
            case Role.ICMP_TYPE_CODE -> r.icmpTypeCode = (int) d.unsigned(at, length);
            case Role.ICMP_TYPE -> r.icmpType = (int) d.unsigned(at, length);
            case Role.ICMP_CODE -> r.icmpCode = (int) d.unsigned(at, length);
            case Role.REV_PACKETS -> {
                r.reversePackets = d.unsigned(at, length);
                r.hasReverse = true;
            }
            case Role.REV_BYTES -> {
                r.reverseBytes = d.unsigned(at, length);
                r.hasReverse = true;
            }
            case Role.REV_TCP_FLAGS -> {
                r.reverseTcpFlags = (int) d.unsigned(at, length);
                r.hasReverse = true;
            }
            case Role.SYSTEM_INIT_MS -> sampling.systemInitMillis = d.unsigned(at, length);
            case Role.SAMPLING_INTERVAL -> sampling.interval = d.unsigned(at, length);
            case Role.SAMPLING_PACKET_INTERVAL -> sampling.packetInterval = d.unsigned(at, length);
            case Role.SAMPLING_PACKET_SPACE -> sampling.packetSpace = d.unsigned(at, length);
            case Role.SAMPLING_SIZE -> sampling.size = d.unsigned(at, length);
            case Role.SAMPLING_POPULATION -> sampling.population = d.unsigned(at, length);
            default -> {
                // no role: never called
            }
        }
    }

    /** The sampling-related option fields of one options data record. */
    private static final class SamplingOptions {
        long interval;
        long packetInterval;
        long packetSpace;
        long size;
        long population;
        long systemInitMillis;

        void clear() {
            interval = 0;
            packetInterval = 0;
            packetSpace = 0;
            size = 0;
            population = 0;
            systemInitMillis = RecordTimes.NONE;
        }

        /**
         * 1 in N: samplingInterval / samplerRandomInterval directly; RFC 5477 count-based sampling
         * selects packetInterval packets then skips packetSpace; population/size for the rest.
         */
        long interval() {
            if (interval > 0) {
                return interval;
            }
            if (packetInterval > 0) {
                return packetSpace > 0 ? (packetInterval + packetSpace) / packetInterval : packetInterval;
            }
            if (size > 0 && population > 0) {
                return population / size;
            }
            return 0;
        }
    }
}
