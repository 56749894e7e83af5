package dev.scanwatch.core.model;

/** The transport an attempt used, as the alert contract names it. */
public enum Protocol {
    TCP("tcp", "TCP"),
    UDP("udp", "UDP"),
    ICMP("icmp", "ICMP"),
    /** Bare IP packets of some protocol number: an IP protocol scan; the "port" is the protocol. */
    IP("ip", "IP");

    private final String label;
    private final String summaryPrefix;

    Protocol(String label, String summaryPrefix) {
        this.label = label;
        this.summaryPrefix = summaryPrefix;
    }

    /** Lower-case name used in JSON ("tcp"). */
    public String label() {
        return label;
    }

    /** Upper-case name used in summary lines ("TCP-SWEEP"). */
    public String summaryPrefix() {
        return summaryPrefix;
    }

    /** Whether the protocol has ports worth listing (ICMP echo has none). */
    public boolean hasPorts() {
        return this != ICMP;
    }
}
