package dev.scanwatch.io.flow;

/**
 * The strings of short values that recur on nearly every line (a Zeek log's proto, conn_state
 * and history: "tcp", "S0", "ShADadFf"), kept so that a line whose value was seen before gets
 * the same string instead of a new one. A cut string per field was a sixth of the bytes a Zeek
 * log's reading allocated (docs/PERFORMANCE.md, "Zeek conn.log").
 *
 * <p>Direct-mapped: a value's slot is fixed by its hash, and a new value takes the slot over, so
 * the cache holds at most {@link #SLOTS} strings whatever the input; values that do not recur
 * just cost the substring they would have cost anyway.
 */
final class TokenCache {

    /** Zeek's protocols and connection states are a few dozen values; histories a few hundred. */
    static final int SLOTS = 1024;
    /** Longer values are cut as they are: they rarely recur, and hashing them costs more. */
    static final int MAX_LENGTH = 32;

    private final String[] slots = new String[SLOTS];

    /** {@code line.substring(begin, end)}, or an equal string returned before. */
    String of(String line, int begin, int end) {
        int length = end - begin;
        if (length > MAX_LENGTH) {
            return line.substring(begin, end);
        }
        int h = 0;
        for (int i = begin; i < end; i++) {
            h = 31 * h + line.charAt(i);
        }
        int slot = (h ^ (h >>> 10)) & (SLOTS - 1);
        String cached = slots[slot];
        if (cached != null && cached.length() == length && line.startsWith(cached, begin)) {
            return cached;
        }
        String value = line.substring(begin, end);
        slots[slot] = value;
        return value;
    }
}
