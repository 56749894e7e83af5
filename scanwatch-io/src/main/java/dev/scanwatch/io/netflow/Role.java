package dev.scanwatch.io.netflow;

/**
 * What a template field means to the decoder, resolved once when the template arrives so that
 * decoding a record is a switch on small ints. Element numbers are IANA's IPFIX registry, which
 * NetFlow v9 shares for 1-127; reverse elements are RFC 5103's (enterprise 29305).
 */
final class Role {

    static final int NONE = 0;
    static final int SRC_V4 = 1;
    static final int DST_V4 = 2;
    static final int SRC_V6 = 3;
    static final int DST_V6 = 4;
    static final int SRC_PORT = 5;
    static final int DST_PORT = 6;
    static final int PROTOCOL = 7;
    static final int TCP_FLAGS = 8;
    static final int PACKETS = 9;
    static final int BYTES = 10;
    static final int START_UPTIME = 11;
    static final int END_UPTIME = 12;
    static final int START_SEC = 13;
    static final int END_SEC = 14;
    static final int START_MS = 15;
    static final int END_MS = 16;
    static final int START_NTP = 17;
    static final int END_NTP = 18;
    static final int START_DELTA_US = 19;
    static final int END_DELTA_US = 20;
    static final int ICMP_TYPE_CODE = 21;
    static final int ICMP_TYPE = 22;
    static final int ICMP_CODE = 23;
    static final int REV_PACKETS = 24;
    static final int REV_BYTES = 25;
    static final int REV_TCP_FLAGS = 26;
    static final int SYSTEM_INIT_MS = 27;
    static final int SAMPLING_INTERVAL = 28;
    static final int SAMPLING_PACKET_INTERVAL = 29;
    static final int SAMPLING_PACKET_SPACE = 30;
    static final int SAMPLING_SIZE = 31;
    static final int SAMPLING_POPULATION = 32;

    /** RFC 5103 reverse information elements. */
    static final long REVERSE_PEN = 29305;

    // IANA IPFIX information elements (NetFlow v9 field types where they exist).
    static final int IE_OCTET_DELTA = 1;
    static final int IE_PACKET_DELTA = 2;
    static final int IE_PROTOCOL = 4;
    static final int IE_TCP_FLAGS = 6;
    static final int IE_SRC_PORT = 7;
    static final int IE_SRC_V4 = 8;
    static final int IE_DST_PORT = 11;
    static final int IE_DST_V4 = 12;
    static final int IE_END_SYSUPTIME = 21;
    static final int IE_START_SYSUPTIME = 22;
    static final int IE_SRC_V6 = 27;
    static final int IE_DST_V6 = 28;
    static final int IE_ICMP_TYPE_CODE_V4 = 32;
    static final int IE_SAMPLING_INTERVAL = 34;
    static final int IE_SAMPLER_RANDOM_INTERVAL = 50;
    static final int IE_OCTET_TOTAL = 85;
    static final int IE_PACKET_TOTAL = 86;
    static final int IE_ICMP_TYPE_CODE_V6 = 139;
    static final int IE_START_SECONDS = 150;
    static final int IE_END_SECONDS = 151;
    static final int IE_START_MILLIS = 152;
    static final int IE_END_MILLIS = 153;
    static final int IE_START_MICROS = 154;
    static final int IE_END_MICROS = 155;
    static final int IE_START_NANOS = 156;
    static final int IE_END_NANOS = 157;
    static final int IE_START_DELTA_MICROS = 158;
    static final int IE_END_DELTA_MICROS = 159;
    static final int IE_SYSTEM_INIT_MILLIS = 160;
    static final int IE_ICMP_TYPE_V4 = 176;
    static final int IE_ICMP_CODE_V4 = 177;
    static final int IE_ICMP_TYPE_V6 = 178;
    static final int IE_ICMP_CODE_V6 = 179;
    static final int IE_SAMPLING_PACKET_INTERVAL = 305;
    static final int IE_SAMPLING_PACKET_SPACE = 306;
    static final int IE_SAMPLING_SIZE = 309;
    static final int IE_SAMPLING_POPULATION = 310;

    private Role() {
    }

    /**
     * The role of element {@code ie} of enterprise {@code pen} (0 for IANA) with this field length;
     * NONE for what the decoder does not use or cannot read at that length (skipped by length).
     */
    static int of(long pen, int ie, int length) {
        if (pen == REVERSE_PEN) {
            return reverse(ie, length);
        }
        if (pen != 0) {
            return NONE;
        }
        int role = iana(ie);
        return fits(role, length) ? role : NONE;
    }

    private static int reverse(int ie, int length) {
        int role = switch (ie) {
            case IE_PACKET_DELTA, IE_PACKET_TOTAL -> REV_PACKETS;
            case IE_OCTET_DELTA, IE_OCTET_TOTAL -> REV_BYTES;
            case IE_TCP_FLAGS -> REV_TCP_FLAGS;
            default -> NONE;
        };
        return fits(role, length) ? role : NONE;
    }

    private static int iana(int ie) {
        return switch (ie) {
            case IE_SRC_V4 -> SRC_V4;
            case IE_DST_V4 -> DST_V4;
            case IE_SRC_V6 -> SRC_V6;
            case IE_DST_V6 -> DST_V6;
            case IE_SRC_PORT -> SRC_PORT;
            case IE_DST_PORT -> DST_PORT;
            case IE_PROTOCOL -> PROTOCOL;
            case IE_TCP_FLAGS -> TCP_FLAGS;
            case IE_PACKET_DELTA, IE_PACKET_TOTAL -> PACKETS;
            case IE_OCTET_DELTA, IE_OCTET_TOTAL -> BYTES;
            case IE_START_SYSUPTIME -> START_UPTIME;
            case IE_END_SYSUPTIME -> END_UPTIME;
            case IE_START_SECONDS -> START_SEC;
            case IE_END_SECONDS -> END_SEC;
            case IE_START_MILLIS -> START_MS;
            case IE_END_MILLIS -> END_MS;
            case IE_START_MICROS, IE_START_NANOS -> START_NTP;
            case IE_END_MICROS, IE_END_NANOS -> END_NTP;
            case IE_START_DELTA_MICROS -> START_DELTA_US;
            case IE_END_DELTA_MICROS -> END_DELTA_US;
            case IE_ICMP_TYPE_CODE_V4, IE_ICMP_TYPE_CODE_V6 -> ICMP_TYPE_CODE;
            case IE_ICMP_TYPE_V4, IE_ICMP_TYPE_V6 -> ICMP_TYPE;
            case IE_ICMP_CODE_V4, IE_ICMP_CODE_V6 -> ICMP_CODE;
            case IE_SYSTEM_INIT_MILLIS -> SYSTEM_INIT_MS;
            case IE_SAMPLING_INTERVAL, IE_SAMPLER_RANDOM_INTERVAL -> SAMPLING_INTERVAL;
            case IE_SAMPLING_PACKET_INTERVAL -> SAMPLING_PACKET_INTERVAL;
            case IE_SAMPLING_PACKET_SPACE -> SAMPLING_PACKET_SPACE;
            case IE_SAMPLING_SIZE -> SAMPLING_SIZE;
            case IE_SAMPLING_POPULATION -> SAMPLING_POPULATION;
            default -> NONE;
        };
    }

    /** Addresses need their exact size; numbers may use reduced-size encoding (RFC 7011 6.2), up to 8 bytes. */
    private static boolean fits(int role, int length) {
        return switch (role) {
            case NONE -> true;
            case SRC_V4, DST_V4 -> length == 4;
            case SRC_V6, DST_V6 -> length == 16;
            case START_NTP, END_NTP -> length == 8;
            default -> length >= 1 && length <= 8;
        };
    }

    /** Roles an options data record is read for. */
    static boolean isOption(int role) {
        return role >= SYSTEM_INIT_MS;
    }
}
