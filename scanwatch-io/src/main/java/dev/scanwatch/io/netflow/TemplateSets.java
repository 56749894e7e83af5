package dev.scanwatch.io.netflow;

/**
 * Reads template and options-template sets (NetFlow v9 flowsets 0 and 1, IPFIX sets 2 and 3) into
 * the cache: definitions, refreshes (a new definition replaces the old at once) and IPFIX
 * withdrawals (field count 0; template ID 2 or 3 withdraws all of that kind).
 */
final class TemplateSets {

    static final int V9_TEMPLATE_SET = 0;
    static final int V9_OPTIONS_SET = 1;
    static final int IPFIX_TEMPLATE_SET = 2;
    static final int IPFIX_OPTIONS_SET = 3;
    /** Template IDs below this are set IDs, not templates. */
    static final int MIN_DATA_SET_ID = 256;

    private static final int FIELD_SPEC = 4;
    private static final int ENTERPRISE_NUMBER = 4;
    private static final int ENTERPRISE_BIT = 0x8000;
    private static final int RECORD_HEADER = 4;
    private static final int IPFIX_OPTIONS_HEADER = 6;
    private static final int V9_OPTIONS_HEADER = 6;

    private final TemplateCache cache;

    TemplateSets(TemplateCache cache) {
        this.cache = cache;
    }

    /** NetFlow v9 template flowset body {@code [at, end)}; false when malformed. */
    boolean v9Templates(Datagram d, int at, int end) {
        while (end - at >= RECORD_HEADER) {
            int id = d.u16(at);
            int count = d.u16(at + 2);
            if (id == 0 && count == 0) {
                break; // padding
            }
            at += RECORD_HEADER;
            if (id < MIN_DATA_SET_ID) {
                return d.fail(Malformation.BAD_TEMPLATE, at - RECORD_HEADER, "template ID " + id);
            }
            if (count == 0) {
                withdraw(d, id);
                continue;
            }
            if ((long) count * FIELD_SPEC > end - at) {
                return d.fail(Malformation.BAD_TEMPLATE, at, count + " fields past the end of the set");
            }
            int[] roles = new int[count];
            int[] lengths = new int[count];
            at = v9Fields(d, at, 0, roles, lengths);
            if (!define(d, id, false, roles, lengths, at)) {
                return false;
            }
        }
        return true;
    }

    /** NetFlow v9 options template flowset: scope and option lengths in bytes, then type/length pairs. */
    boolean v9Options(Datagram d, int at, int end) {
        while (end - at >= V9_OPTIONS_HEADER) {
            int id = d.u16(at);
            int scopeBytes = d.u16(at + 2);
            int optionBytes = d.u16(at + 4);
            if (id == 0) {
                break; // padding
            }
            at += V9_OPTIONS_HEADER;
            int bytes = scopeBytes + optionBytes;
            if (id < MIN_DATA_SET_ID || bytes % FIELD_SPEC != 0 || bytes > end - at || bytes == 0) {
                return d.fail(Malformation.BAD_TEMPLATE, at - V9_OPTIONS_HEADER, "options template " + id);
            }
            int count = bytes / FIELD_SPEC;
            int[] roles = new int[count];
            int[] lengths = new int[count];
            at = v9Fields(d, at, scopeBytes, roles, lengths);
            if (!define(d, id, true, roles, lengths, at)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads {@code roles.length} v9 field specifiers (type, length) from {@code at} into the arrays
     * and returns where they end. The first {@code scopeBytes} of them are an options template's
     * scope fields (system, interface...), which name what the options describe and are not read.
     */
    private static int v9Fields(Datagram d, int at, int scopeBytes, int[] roles, int[] lengths) {
        for (int i = 0; i < roles.length; i++) {
            int type = d.u16(at);
            int length = d.u16(at + 2);
            at += FIELD_SPEC;
            lengths[i] = length;
            roles[i] = i * FIELD_SPEC < scopeBytes ? Role.NONE : Role.of(0, type, length);
        }
        return at;
    }

    /** IPFIX template or options template set body. */
    boolean ipfix(Datagram d, int at, int end, boolean options) {
        while (end - at >= RECORD_HEADER) {
            int id = d.u16(at);
            int count = d.u16(at + 2);
            if (id == 0 && count == 0) {
                break; // padding
            }
            if (count == 0) {
                at += RECORD_HEADER;
                if (id == (options ? IPFIX_OPTIONS_SET : IPFIX_TEMPLATE_SET)) {
                    d.stats.withdrawals += cache.withdrawAll(d.exporter, d.domain, options);
                } else if (id >= MIN_DATA_SET_ID) {
                    withdraw(d, id);
                } else {
                    return d.fail(Malformation.BAD_TEMPLATE, at - RECORD_HEADER, "withdrawal of template ID " + id);
                }
                continue;
            }
            int header = options ? IPFIX_OPTIONS_HEADER : RECORD_HEADER;
            if (end - at < header) {
                return d.fail(Malformation.BAD_TEMPLATE, at, "options template header past the end of the set");
            }
            int scopeCount = options ? d.u16(at + RECORD_HEADER) : 0;
            if (id < MIN_DATA_SET_ID || (options && (scopeCount == 0 || scopeCount > count))) {
                return d.fail(Malformation.BAD_TEMPLATE, at, "template ID " + id + ", scope count " + scopeCount);
            }
            at += header;
            int[] roles = new int[count];
            int[] lengths = new int[count];
            for (int i = 0; i < count; i++) {
                if (end - at < FIELD_SPEC) {
                    return d.fail(Malformation.BAD_TEMPLATE, at, "field " + i + " of " + count + " past the end of the set");
                }
                int type = d.u16(at);
                int length = d.u16(at + 2);
                at += FIELD_SPEC;
                long pen = 0;
                if ((type & ENTERPRISE_BIT) != 0) {
                    if (end - at < ENTERPRISE_NUMBER) {
                        return d.fail(Malformation.BAD_TEMPLATE, at, "enterprise number past the end of the set");
                    }
                    pen = d.u32(at);
                    at += ENTERPRISE_NUMBER;
                    type &= ~ENTERPRISE_BIT;
                }
                lengths[i] = length;
                // Enterprise elements other than RFC 5103's reverse ones get no role: skipped by their length.
                roles[i] = i < scopeCount || length == Template.VARIABLE ? Role.NONE : Role.of(pen, type, length);
            }
            if (!define(d, id, options, roles, lengths, at)) {
                return false;
            }
        }
        return true;
    }

    private boolean define(Datagram d, int id, boolean options, int[] roles, int[] lengths, int at) {
        Template t = new Template(id, options, roles, lengths);
        if (t.minLength == 0) {
            // A record of zero bytes would make a data set an endless loop.
            return d.fail(Malformation.BAD_TEMPLATE, at, "template " + id + " has zero-length records");
        }
        cache.put(d.exporter, d.domain, t);
        d.stats.templates++;
        return true;
    }

    private void withdraw(Datagram d, int id) {
        if (cache.withdraw(d.exporter, d.domain, id)) {
            d.stats.withdrawals++;
        }
    }
}
