package dev.scanwatch.io.netflow;

import dev.scanwatch.core.net.IpAddress;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Decodes NetFlow v5, NetFlow v9 (RFC 3954) and IPFIX (RFC 7011) export datagrams into
 * {@link FlowRecord}s. Templates are kept per (exporter address, source ID / observation domain,
 * template ID) in a bounded cache. Bad input never throws: a malformed datagram is counted for its
 * exporter (with the reason and byte offset), records already decoded from it stand; records of an
 * unknown template are counted by set and dropped; sFlow datagrams are counted and skipped.
 *
 * <p>Allocation-conscious: nothing is allocated per record; per datagram only when a template
 * arrives or a new exporter appears. Single-threaded.
 */
public final class NetflowDecoder {

    public static final int V5 = 5;
    public static final int V9 = 9;
    public static final int IPFIX = 10;

    static final int V5_HEADER = 24;
    static final int V5_RECORD = 48;
    static final int V9_HEADER = 20;
    static final int IPFIX_HEADER = 16;
    static final int SET_HEADER = 4;
    private static final int V5_SAMPLING_BITS = 0x3FFF;
    private static final int MILLIS_PER_SECOND = 1000;
    private static final int NANOS_PER_MILLI = 1_000_000;
    /** sFlow starts with a 32-bit version (2, 4 or 5) where NetFlow has a 16-bit one. */
    private static final int SFLOW_MAX_VERSION = 5;

    private final NetflowStats stats = new NetflowStats();
    private final TemplateCache templates;
    private final TemplateSets templateSets;
    private final DataSets dataSets;
    private final Datagram d = new Datagram();

    public NetflowDecoder(FlowRecordListener listener) {
        this(listener, TemplateCache.DEFAULT_CAPACITY);
    }

    /** @param templateCapacity templates kept at most (least recently used evicted) */
    public NetflowDecoder(FlowRecordListener listener, int templateCapacity) {
        this.templates = new TemplateCache(templateCapacity);
        this.templateSets = new TemplateSets(templates);
        this.dataSets = new DataSets(listener, new SystemInitTimes(templateCapacity));
    }

    /**
     * Decodes one datagram, {@code buf[offset, offset + length)}, from {@code exporter}. Returns
     * the NetFlow version (5, 9, 10), or 0 when the datagram was not decoded (malformed or sFlow).
     */
    public int decode(IpAddress exporter, ByteBuffer buf, int offset, int length) {
        ByteBuffer be = buf.order() == ByteOrder.BIG_ENDIAN ? buf : buf.duplicate().order(ByteOrder.BIG_ENDIAN);
        ExporterStats s = stats.exporter(exporter);
        s.datagrams++;
        d.begin(be, offset, exporter, s);
        if (length > be.limit() - offset) {
            length = Math.max(0, be.limit() - offset); // never read past the buffer, whatever the caller says
        }
        if (isSflow(be, offset, length)) {
            s.sflow++;
            return 0;
        }
        if (length < 2) {
            return malformed(d.fail(Malformation.SHORT_HEADER, offset, length + " bytes"));
        }
        int version = d.u16(offset);
        d.version = version;
        boolean ok;
        switch (version) {
            case V5 -> ok = v5(offset, length);
            case V9 -> ok = v9(offset, length);
            case IPFIX -> ok = ipfix(offset, length);
            default -> ok = d.fail(Malformation.WRONG_VERSION, offset, "version " + version);
        }
        if (version == V5 || version == V9 || version == IPFIX) {
            s.version(version);
        }
        return ok ? version : malformed(false);
    }

    public NetflowStats stats() {
        return stats;
    }

    /** Templates currently known, over every exporter. */
    public int templatesKnown() {
        return templates.size();
    }

    /** Templates dropped because the cache was full. */
    public long templateEvictions() {
        return templates.evictions();
    }

    private int malformed(boolean ignored) {
        d.stats.malformed++;
        d.stats.lastProblem = d.problemDetail;
        return 0;
    }

    private boolean v5(int at, int length) {
        if (length < V5_HEADER) {
            return d.fail(Malformation.SHORT_HEADER, at, length + " of " + V5_HEADER + " bytes");
        }
        int count = d.u16(at + 2);
        long uptime = d.u32(at + 4);
        d.headerUptime = uptime;
        d.exportMillis = d.u32(at + 8) * MILLIS_PER_SECOND + d.u32(at + 12) / NANOS_PER_MILLI;
        int interval = d.u16(at + 22) & V5_SAMPLING_BITS;
        if (interval > 0) {
            d.stats.samplingInterval = interval;
        }
        int fits = (length - V5_HEADER) / V5_RECORD;
        int n = Math.min(count, fits);
        dataSets.v5Records(d, at + V5_HEADER, n);
        if (count > fits) {
            return d.fail(Malformation.LENGTH_MISMATCH, at + 2, "count " + count + " needs "
                    + (V5_HEADER + count * V5_RECORD) + " bytes, datagram has " + length);
        }
        return true;
    }

    private boolean v9(int at, int length) {
        if (length < V9_HEADER) {
            return d.fail(Malformation.SHORT_HEADER, at, length + " of " + V9_HEADER + " bytes");
        }
        d.headerUptime = d.u32(at + 4);
        d.exportMillis = d.u32(at + 8) * MILLIS_PER_SECOND;
        d.domain = d.u32(at + 16);
        return sets(at + V9_HEADER, at + length, false);
    }

    private boolean ipfix(int at, int length) {
        if (length < IPFIX_HEADER) {
            return d.fail(Malformation.SHORT_HEADER, at, length + " of " + IPFIX_HEADER + " bytes");
        }
        int messageLength = d.u16(at + 2);
        if (messageLength < IPFIX_HEADER || messageLength > length) {
            return d.fail(Malformation.LENGTH_MISMATCH, at + 2, "message length " + messageLength + ", datagram "
                    + length + " bytes");
        }
        d.exportMillis = d.u32(at + 4) * MILLIS_PER_SECOND;
        d.domain = d.u32(at + 12);
        return sets(at + IPFIX_HEADER, at + messageLength, true);
    }

    /** The sets (flowsets) of a v9 or IPFIX message, {@code [at, end)}. */
    private boolean sets(int at, int end, boolean ipfix) {
        while (end - at >= SET_HEADER) {
            int id = d.u16(at);
            int setLength = d.u16(at + 2);
            if (setLength < SET_HEADER) {
                return d.fail(Malformation.ZERO_LENGTH_SET, at, "set " + id + " length " + setLength);
            }
            if (setLength > end - at) {
                return d.fail(Malformation.SET_PAST_END, at, "set " + id + " length " + setLength + ", "
                        + (end - at) + " bytes left");
            }
            int body = at + SET_HEADER;
            int setEnd = at + setLength;
            if (!set(id, body, setEnd, ipfix)) {
                return false;
            }
            at = setEnd;
        }
        return true; // 1-3 trailing bytes: padding some v9 exporters leave
    }

    private boolean set(int id, int body, int end, boolean ipfix) {
        if (id >= TemplateSets.MIN_DATA_SET_ID) {
            Template t = templates.get(d.exporter, d.domain, id);
            if (t == null) {
                d.stats.unknownTemplateSets++;
                return true;
            }
            return dataSets.decode(d, t, body, end);
        }
        if (ipfix) {
            return switch (id) {
                case TemplateSets.IPFIX_TEMPLATE_SET -> templateSets.ipfix(d, body, end, false);
                case TemplateSets.IPFIX_OPTIONS_SET -> templateSets.ipfix(d, body, end, true);
                default -> true; // reserved set IDs: skipped by length
            };
        }
        return switch (id) {
            case TemplateSets.V9_TEMPLATE_SET -> templateSets.v9Templates(d, body, end);
            case TemplateSets.V9_OPTIONS_SET -> templateSets.v9Options(d, body, end);
            default -> true;
        };
    }

    static boolean isSflow(ByteBuffer buf, int offset, int length) {
        if (length < 4) {
            return false;
        }
        int version = buf.getInt(offset);
        return version >= 2 && version <= SFLOW_MAX_VERSION;
    }
}
