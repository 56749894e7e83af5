package dev.scanwatch.io.netflow;

import dev.scanwatch.core.net.IpAddress;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counters per exporter. The number of exporters tracked is bounded: beyond it, new addresses
 * share one "other exporters" entry, so spoofed sources cannot grow memory without end.
 */
public final class NetflowStats {

    static final int MAX_EXPORTERS = 4096;
    /** Stands for every exporter beyond the bound. */
    static final IpAddress OTHER_EXPORTERS = new IpAddress(0, 0);

    private final Map<IpAddress, ExporterStats> exporters = new LinkedHashMap<>();
    private final int maxExporters;
    private ExporterStats last;

    NetflowStats() {
        this(MAX_EXPORTERS);
    }

    NetflowStats(int maxExporters) {
        this.maxExporters = maxExporters;
    }

    ExporterStats exporter(IpAddress address) {
        ExporterStats l = last;
        if (l != null && l.address().equals(address)) {
            return l;
        }
        ExporterStats s = exporters.get(address);
        if (s == null) {
            if (exporters.size() >= maxExporters) {
                s = exporters.computeIfAbsent(OTHER_EXPORTERS, ExporterStats::new);
            } else {
                s = new ExporterStats(address);
                exporters.put(address, s);
            }
        }
        last = s;
        return s;
    }

    /** Every exporter heard from, in order of first datagram. */
    public Collection<ExporterStats> exporters() {
        return Collections.unmodifiableCollection(exporters.values());
    }

    public long datagrams() {
        return sum(s -> s.datagrams);
    }

    public long records() {
        return sum(s -> s.records);
    }

    public long unknownTemplateSets() {
        return sum(s -> s.unknownTemplateSets);
    }

    public long malformedDatagrams() {
        return sum(s -> s.malformed);
    }

    public long sflowDatagrams() {
        return sum(s -> s.sflow);
    }

    private long sum(java.util.function.ToLongFunction<ExporterStats> f) {
        long n = 0;
        for (ExporterStats s : exporters.values()) {
            n += f.applyAsLong(s);
        }
        return n;
    }

    /** One line of totals, e.g. "3 datagrams, 90 records, 0 unknown-template sets, 1 malformed, 1 exporter". */
    public String describe() {
        int n = exporters.size();
        String line = datagrams() + " datagrams, " + records() + " records, " + unknownTemplateSets()
                      + " unknown-template sets, " + malformedDatagrams() + " malformed";
        long sflow = sflowDatagrams();
        if (sflow > 0) {
            line += ", " + sflow + " sFlow skipped";
        }
        return line + ", " + n + (n == 1 ? " exporter" : " exporters");
    }

    /** One line per exporter. */
    public List<String> describeExporters() {
        List<String> lines = new ArrayList<>();
        for (ExporterStats s : exporters.values()) {
            lines.add(s.address() == OTHER_EXPORTERS ? "other exporters: " + s.describe() : s.describe());
        }
        return lines;
    }
}
