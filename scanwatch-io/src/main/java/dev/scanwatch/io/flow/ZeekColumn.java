package dev.scanwatch.io.flow;

/** The conn.log fields a connection is read from, by their Zeek names (TSV #fields, JSON keys). */
enum ZeekColumn {
    TS("ts"), ORIG_H("id.orig_h"), ORIG_P("id.orig_p"), RESP_H("id.resp_h"), RESP_P("id.resp_p"),
    PROTO("proto"), DURATION("duration"), CONN_STATE("conn_state"), HISTORY("history"),
    ORIG_PKTS("orig_pkts"), RESP_PKTS("resp_pkts"), ORIG_BYTES("orig_bytes"), RESP_BYTES("resp_bytes");

    /** The field's name in conn.log. */
    final String field;

    ZeekColumn(String field) {
        this.field = field;
    }
}
