package dev.scanwatch.io.netflow;

/**
 * A compiled (options) template: each field's role and length, and for templates without
 * variable-length fields the offset of each used field, so a record is read by jumping straight to
 * the fields that matter.
 */
final class Template {

    /** IPFIX: this length means the field's length is in the record (RFC 7011 7). */
    static final int VARIABLE = 0xFFFF;

    final int id;
    final boolean options;
    final int[] roles;
    final int[] lengths;
    /** Bytes of one record, or -1 when it has variable-length fields. */
    final int fixedLength;
    /** The shortest a record can be (a variable-length field takes at least its 1-byte length). */
    final int minLength;
    /** Indexes of the fields with a role; for fixed templates, their offsets in {@link #usedOffsets}. */
    final int[] used;
    final int[] usedOffsets;
    /** Cleared when the template is withdrawn, refreshed or evicted, so cached references stop matching. */
    boolean live = true;

    Template(int id, boolean options, int[] roles, int[] lengths) {
        this.id = id;
        this.options = options;
        this.roles = roles;
        this.lengths = lengths;
        int fixed = 0;
        int min = 0;
        boolean variable = false;
        int usedCount = 0;
        for (int i = 0; i < lengths.length; i++) {
            if (lengths[i] == VARIABLE) {
                variable = true;
                min += 1;
            } else {
                fixed += lengths[i];
                min += lengths[i];
            }
            if (roles[i] != Role.NONE) {
                usedCount++;
            }
        }
        this.fixedLength = variable ? -1 : fixed;
        this.minLength = min;
        this.used = new int[usedCount];
        this.usedOffsets = new int[usedCount];
        int u = 0;
        int offset = 0;
        for (int i = 0; i < lengths.length; i++) {
            if (roles[i] != Role.NONE) {
                used[u] = i;
                usedOffsets[u] = offset;
                u++;
            }
            offset += lengths[i];
        }
    }

    boolean variable() {
        return fixedLength < 0;
    }
}
