package dev.scanwatch.core.model;

/** The shape of a scan (DESIGN §2). */
public enum ScanKind {
    /** One source, many ports of one host (vertical). */
    PORTSCAN("portscan", "SCAN"),
    /** One source, one or a few ports, many hosts (horizontal): the upstream's TCP-SWEEP. */
    PORTSWEEP("portsweep", "SWEEP"),
    /** One source, many ports on many hosts. */
    BLOCKSCAN("blockscan", "BLOCKSCAN"),
    /** Many sources, one target: decoys, or a scan spread over several hosts. */
    DISTRIBUTED("distributed", "DISTRIBUTED-SCAN");

    private final String label;
    private final String summaryWord;

    ScanKind(String label, String summaryWord) {
        this.label = label;
        this.summaryWord = summaryWord;
    }

    public String label() {
        return label;
    }

    public String summaryWord() {
        return summaryWord;
    }
}
