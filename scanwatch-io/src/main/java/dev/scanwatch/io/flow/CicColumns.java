package dev.scanwatch.io.flow;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CICFlowMeter column names in every spelling we have evidence of, reduced to a key of lower-case
 * ASCII letters and digits so that "Source IP", " Source IP", "Src IP" and "src_ip" meet:
 * the CIC-IDS2017 files ("Total Fwd Packets", leading spaces), CICFlowMeter-V3/V4 and
 * CSE-CIC-IDS2018 ("Tot Fwd Pkts", "SYN Flag Cnt") and the Python cicflowmeter ("tot_fwd_pkts",
 * "syn_flag_cnt").
 */
final class CicColumns {

    static final List<String> SRC_IP = List.of("sourceip", "srcip");
    static final List<String> SRC_PORT = List.of("sourceport", "srcport");
    static final List<String> DST_IP = List.of("destinationip", "dstip");
    static final List<String> DST_PORT = List.of("destinationport", "dstport");
    static final List<String> PROTOCOL = List.of("protocol");
    static final List<String> TIMESTAMP = List.of("timestamp");
    static final List<String> DURATION = List.of("flowduration");
    static final List<String> FWD_PACKETS = List.of("totalfwdpackets", "totfwdpkts", "totalfwdpacket");
    static final List<String> BWD_PACKETS = List.of("totalbackwardpackets", "totbwdpkts", "totalbwdpackets",
            "totalbwdpacket");
    static final List<String> FIN = List.of("finflagcount", "finflagcnt");
    static final List<String> SYN = List.of("synflagcount", "synflagcnt");
    static final List<String> RST = List.of("rstflagcount", "rstflagcnt");
    static final List<String> PSH = List.of("pshflagcount", "pshflagcnt");
    static final List<String> ACK = List.of("ackflagcount", "ackflagcnt");
    static final List<String> URG = List.of("urgflagcount", "urgflagcnt");
    /** Per-direction PSH/URG counts (every version has them; older ones count the first packet only). */
    static final List<String> FWD_PSH = List.of("fwdpshflags");
    static final List<String> FWD_URG = List.of("fwdurgflags");
    /** Per-direction RST counts: only recent CICFlowMeter builds write them; they settle who reset. */
    static final List<String> FWD_RST = List.of("fwdrstflags");
    static final List<String> BWD_RST = List.of("bwdrstflags");
    /** Recent builds write the ICMP type of ICMP flows; without it an ICMP flow's kind is unknown. */
    static final List<String> ICMP_TYPE = List.of("icmptype");

    private final Map<String, Integer> columns = new HashMap<>();
    private final int width;

    CicColumns(String[] names) {
        for (int i = 0; i < names.length; i++) {
            columns.putIfAbsent(key(names[i]), i); // CIC-IDS2017 repeats "Fwd Header Length": the first one wins
        }
        width = names.length;
    }

    /** The position of the first spelling present, or -1. */
    int index(List<String> spellings) {
        for (String s : spellings) {
            Integer i = columns.get(s);
            if (i != null) {
                return i;
            }
        }
        return -1;
    }

    boolean has(List<String> spellings) {
        return index(spellings) >= 0;
    }

    int width() {
        return width;
    }

    /** Whether a header line names CICFlowMeter's flow columns (also the address-less ML files, to say what is missing). */
    static boolean looksLikeHeader(String line) {
        CicColumns c = new CicColumns(CsvHeader.split(line, ','));
        return c.has(DST_PORT) && c.has(FWD_PACKETS) && c.has(BWD_PACKETS);
    }

    /** Lower-case ASCII letters and digits only: drops spaces, underscores, slashes and a byte-order mark. */
    static String key(String name) {
        StringBuilder b = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                b.append((char) (c + ('a' - 'A')));
            } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                b.append(c);
            }
        }
        return b.toString();
    }
}
