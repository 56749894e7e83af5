package dev.scanwatch.io.netflow;

/** Why a datagram was (partly) not decoded; counted per exporter, never thrown. */
public enum Malformation {
    SHORT_HEADER("shorter than its header"),
    WRONG_VERSION("not NetFlow v5/v9 or IPFIX"),
    LENGTH_MISMATCH("length field disagrees with the datagram"),
    ZERO_LENGTH_SET("set shorter than its own header"),
    SET_PAST_END("set runs past the end of the datagram"),
    BAD_TEMPLATE("template that cannot be right"),
    RECORD_PAST_END("variable-length record runs past its set");

    private final String label;

    Malformation(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
