package dev.scanwatch.io.flow;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Recognises a flow-log format from the first bytes of a file (never its name). */
final class FormatDetector {

    /** Lines looked at: Zeek's #path and #fields come within the first eight. */
    private static final int HEADER_LINES = 16;

    private FormatDetector() {
    }

    static FlowFormat detect(byte[] head, int length) {
        int n = Math.min(length, head.length);
        if (n >= 2 && ((head[1] & 0xFF) << 8 | (head[0] & 0xFF)) == NfcapdParser.MAGIC) {
            return FlowFormat.NFCAPD; // nfdump's magic, little-endian as nfdump writes it
        }
        for (int i = 0; i < n; i++) {
            if (head[i] == 0) {
                return null; // binary: pcap, argus' own format (nfcapd's magic was tested above)
            }
        }
        String text = new String(head, 0, n, StandardCharsets.ISO_8859_1);
        String[] lines = text.split("\r?\n", HEADER_LINES + 1);
        String first = null;
        for (String line : lines) {
            if (!line.isBlank()) {
                first = line.strip();
                break;
            }
        }
        if (first == null) {
            return null;
        }
        if (first.startsWith("#")) {
            return zeekTsv(lines) ? FlowFormat.ZEEK_CONN : null;
        }
        if (first.startsWith("{")) {
            return first.contains("\"id.orig_h\"") && first.contains("\"id.resp_p\"") && first.contains("\"conn_state\"")
                    ? FlowFormat.ZEEK_CONN_JSON : null;
        }
        String lower = first.toLowerCase(Locale.ROOT);
        for (char d : new char[] {',', '\t', ';', '|'}) {
            CsvHeader h = new CsvHeader(lower, d);
            if (h.has("srcaddr") && h.has("dstaddr")) {
                return FlowFormat.ARGUS_CSV;
            }
        }
        CsvHeader h = new CsvHeader(lower, ',');
        if (h.has("sa") && h.has("da") && h.has("pr") && (h.has("ts") || h.has("flg"))) {
            return FlowFormat.NFDUMP_CSV;
        }
        if (CicColumns.looksLikeHeader(first)) {
            return FlowFormat.CICFLOWMETER_CSV;
        }
        return null;
    }

    /** A Zeek TSV log whose #path (if any) is conn and whose #fields name the connection columns. */
    private static boolean zeekTsv(String[] lines) {
        boolean fields = false;
        for (String raw : lines) {
            String line = raw.strip();
            if (line.startsWith("#path")) {
                String path = line.substring("#path".length()).strip();
                if (!path.equals("conn")) {
                    return false;
                }
            } else if (line.startsWith("#fields")) {
                fields = line.contains("id.orig_h") && line.contains("id.resp_p");
            }
        }
        return fields;
    }
}
