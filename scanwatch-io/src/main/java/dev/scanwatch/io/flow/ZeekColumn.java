package dev.scanwatch.io.flow;

import java.util.List;
import java.util.stream.Stream;

/** The conn.log fields a connection is read from, by their Zeek names (TSV #fields, JSON keys). */
enum ZeekColumn {
    TS("ts"), ORIG_H("id.orig_h"), ORIG_P("id.orig_p"), RESP_H("id.resp_h"), RESP_P("id.resp_p"),
    PROTO("proto"), DURATION("duration"), CONN_STATE("conn_state"), HISTORY("history"),
    ORIG_PKTS("orig_pkts"), RESP_PKTS("resp_pkts"), ORIG_BYTES("orig_bytes"), RESP_BYTES("resp_bytes");

    /**
     * The fields without which a record says nothing (when, who, whom, which port), in the order
     * a missing one is named.
     */
    static final List<String> REQUIRED = Stream.of(TS, ORIG_H, ORIG_P, RESP_H, RESP_P, PROTO).map(c -> c.field).toList();

    /** The field's name in conn.log. */
    final String field;

    ZeekColumn(String field) {
        this.field = field;
    }
}
