package dev.scanwatch.io.flow;

import java.util.HashMap;
import java.util.Map;

/** Column positions by (case-insensitive, trimmed) name, from a CSV header line. */
final class CsvHeader {

    private final Map<String, Integer> columns = new HashMap<>();
    private final int width;

    CsvHeader(String line, char delimiter) {
        String[] names = split(line, delimiter);
        for (int i = 0; i < names.length; i++) {
            columns.putIfAbsent(names[i].trim().toLowerCase(java.util.Locale.ROOT), i);
        }
        width = names.length;
    }

    /** The position of a column, or -1. */
    int index(String name) {
        Integer i = columns.get(name.toLowerCase(java.util.Locale.ROOT));
        return i == null ? -1 : i;
    }

    boolean has(String name) {
        return index(name) >= 0;
    }

    int width() {
        return width;
    }

    /** Splits one line; no quoting (neither ra nor nfdump quotes fields). */
    static String[] split(String line, char delimiter) {
        int n = 1;
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == delimiter) {
                n++;
            }
        }
        String[] out = new String[n];
        int start = 0;
        for (int k = 0; k < n; k++) {
            int end = line.indexOf(delimiter, start);
            if (end < 0) {
                end = line.length();
            }
            out[k] = line.substring(start, end);
            start = end + 1;
        }
        return out;
    }
}
