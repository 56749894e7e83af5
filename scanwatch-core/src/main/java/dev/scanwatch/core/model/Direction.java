package dev.scanwatch.core.model;

/** Where a scan goes relative to the home networks (--home-net). */
public enum Direction {
    /** A home host probing outside: the compromised server of an upstream's abuse report. */
    OUTBOUND("outbound"),
    /** Outside probing home. */
    INBOUND("inbound"),
    /** Home probing home. */
    INTERNAL("internal"),
    /** Neither side is home (transit traffic, or no home network matches). */
    EXTERNAL("external");

    private final String label;

    Direction(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Direction of(boolean srcHome, boolean dstHome) {
        if (srcHome) {
            return dstHome ? INTERNAL : OUTBOUND;
        }
        return dstHome ? INBOUND : EXTERNAL;
    }
}
