package dev.scanwatch.io.flow;

/** The flow-log formats {@link FlowReader} understands, recognised from content (never the file name). */
public enum FlowFormat {
    /** Zeek conn.log, tab-separated with #fields/#types headers. */
    ZEEK_CONN("zeek-conn"),
    /** Zeek conn.log written as JSON lines (LogAscii::use_json). */
    ZEEK_CONN_JSON("zeek-conn-json"),
    /** Argus ra CSV output (-c ,) with its header line, including the Stratosphere binetflow variant. */
    ARGUS_CSV("argus-csv"),
    /** nfdump -o csv: one-directional NetFlow/IPFIX records. */
    NFDUMP_CSV("nfdump-csv"),
    /** CICFlowMeter CSV (CIC-IDS2017, CSE-CIC-IDS2018, the Python cicflowmeter): bidirectional flows with flag counts. */
    CICFLOWMETER_CSV("cicflowmeter-csv"),
    /**
     * nfdump's binary files as nfcapd, sfcapd and nfpcapd write them: nfdump 1.7's layout
     * (uncompressed, LZO, BZ2, LZ4 or ZSTD) and nfdump 1.6's (uncompressed).
     */
    NFCAPD("nfcapd");

    private final String label;

    FlowFormat(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The format with this label, or null. */
    public static FlowFormat byLabel(String label) {
        for (FlowFormat f : values()) {
            if (f.label.equals(label)) {
                return f;
            }
        }
        return null;
    }
}
