package dev.scanwatch.io.netflow;

import dev.scanwatch.core.net.IpAddress;

/** Counters of one exporter (by address), and what it said about its sampling. */
public final class ExporterStats {

    private static final int[] VERSIONS = {5, 9, 10};

    private final IpAddress address;
    long datagrams;
    long records;
    long unknownTemplateSets;
    long malformed;
    long sflow;
    long recordsWithoutAddresses;
    long templates;
    long withdrawals;
    /** 1 in N packets sampled, 0 while the exporter has not said. */
    long samplingInterval;
    int versionsSeen;
    String lastProblem;

    ExporterStats(IpAddress address) {
        this.address = address;
    }

    public IpAddress address() {
        return address;
    }

    public long datagrams() {
        return datagrams;
    }

    /** Flow records decoded and handed on. */
    public long records() {
        return records;
    }

    /** Data sets whose template was unknown: their records (how many cannot be told) were dropped. */
    public long unknownTemplateSets() {
        return unknownTemplateSets;
    }

    public long malformedDatagrams() {
        return malformed;
    }

    /** sFlow datagrams: another protocol, counted and skipped. */
    public long sflowDatagrams() {
        return sflow;
    }

    /** Records without both addresses (aggregates): not probes, skipped. */
    public long recordsWithoutAddresses() {
        return recordsWithoutAddresses;
    }

    /** Template and options-template definitions received (refreshes included). */
    public long templates() {
        return templates;
    }

    public long samplingInterval() {
        return samplingInterval;
    }

    /** The last malformation, with its byte offset, or null. */
    public String lastProblem() {
        return lastProblem;
    }

    void version(int v) {
        for (int i = 0; i < VERSIONS.length; i++) {
            if (VERSIONS[i] == v) {
                versionsSeen |= 1 << i;
            }
        }
    }

    /** "v5", "v9", "ipfix" or a combination. */
    public String versions() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < VERSIONS.length; i++) {
            if ((versionsSeen & (1 << i)) != 0) {
                sb.append(sb.length() == 0 ? "" : "+").append(VERSIONS[i] == 10 ? "ipfix" : "v" + VERSIONS[i]);
            }
        }
        return sb.length() == 0 ? "-" : sb.toString();
    }

    /** One line: "127.0.0.1 (v9): 120 datagrams, 3400 records, 2 unknown-template sets, 0 malformed, sampling unknown". */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(address).append(" (").append(versions()).append("): ")
          .append(datagrams).append(" datagrams, ").append(records).append(" records, ")
          .append(unknownTemplateSets).append(" unknown-template sets, ")
          .append(malformed).append(" malformed");
        if (sflow > 0) {
            sb.append(", ").append(sflow).append(" sFlow skipped");
        }
        if (recordsWithoutAddresses > 0) {
            sb.append(", ").append(recordsWithoutAddresses).append(" without addresses");
        }
        sb.append(", sampling ").append(samplingInterval > 0 ? "1:" + samplingInterval : "unknown");
        if (lastProblem != null) {
            sb.append(" (last problem: ").append(lastProblem).append(')');
        }
        return sb.toString();
    }
}
