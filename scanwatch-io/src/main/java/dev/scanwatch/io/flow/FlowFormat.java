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
    NFDUMP_CSV("nfdump-csv", true),
    /** CICFlowMeter CSV (CIC-IDS2017, CSE-CIC-IDS2018, the Python cicflowmeter): bidirectional flows with flag counts. */
    CICFLOWMETER_CSV("cicflowmeter-csv"),
    /**
     * nfdump's binary files as nfcapd, sfcapd and nfpcapd write them: nfdump 1.7's layout
     * (uncompressed, LZO, BZ2, LZ4 or ZSTD) and nfdump 1.6's (uncompressed).
     */
    NFCAPD("nfcapd", true);

    private final String label;
    private final boolean oneDirectional;

    FlowFormat(String label) {
        this(label, false);
    }

    FlowFormat(String label, boolean oneDirectional) {
        this.label = label;
        this.oneDirectional = oneDirectional;
    }

    public String label() {
        return label;
    }

    /**
     * Whether each record is one direction of a conversation (NetFlow, IPFIX), so that a probe's
     * record waits for its reverse flow to learn the outcome, instead of carrying both directions.
     */
    public boolean oneDirectional() {
        return oneDirectional;
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
