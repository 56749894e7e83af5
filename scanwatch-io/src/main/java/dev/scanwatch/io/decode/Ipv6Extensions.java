package dev.scanwatch.io.decode;

import static dev.scanwatch.io.decode.Bytes.u16;
import static dev.scanwatch.io.decode.Bytes.u8;

import java.nio.ByteBuffer;

/**
 * Lengths of the IPv6 extension headers that sit between the fixed header and the transport
 * header. ESP (50) and No Next Header (59) are not walked: what follows them is opaque, so the
 * decoder records them as the protocol.
 */
final class Ipv6Extensions {

    static final int HOP_BY_HOP = 0;
    static final int ROUTING = 43;
    static final int FRAGMENT = 44;
    static final int AUTHENTICATION = 51;
    static final int DESTINATION_OPTIONS = 60;
    static final int MOBILITY = 135;

    /** Returned by {@link #length} when {@code next} is not an extension header we skip. */
    static final int NOT_EXTENSION = -1;
    /** Returned by {@link #length} when the header's length field lies beyond the captured data. */
    static final int TRUNCATED = -2;

    static final int FRAGMENT_HEADER = 8;
    private static final int LENGTH_FIELD = 1;
    private static final int FRAGMENT_OFFSET_FIELD = 2;
    /** Generic extension headers count in 8-octet units, not counting the first 8 octets. */
    private static final int OCTET_UNITS = 8;
    /** AH counts in 4-octet units, not counting the first two (RFC 4302). */
    private static final int AH_UNITS = 4;

    private Ipv6Extensions() {
    }

    /** The length in bytes of extension header {@code next} starting at {@code at}. */
    static int length(int next, ByteBuffer buf, int at, int end) {
        switch (next) {
            case HOP_BY_HOP:
            case ROUTING:
            case DESTINATION_OPTIONS:
            case MOBILITY:
                if (at + 2 > end) {
                    return TRUNCATED;
                }
                return (u8(buf, at + LENGTH_FIELD) + 1) * OCTET_UNITS;
            case AUTHENTICATION:
                if (at + 2 > end) {
                    return TRUNCATED;
                }
                return (u8(buf, at + LENGTH_FIELD) + 2) * AH_UNITS;
            case FRAGMENT:
                return at + FRAGMENT_HEADER > end ? TRUNCATED : FRAGMENT_HEADER;
            default:
                return NOT_EXTENSION;
        }
    }

    /** For a fragment header at {@code at} (known to be captured): true when the offset is non-zero. */
    static boolean isNonFirstFragment(ByteBuffer buf, int at) {
        return (u16(buf, at + FRAGMENT_OFFSET_FIELD) >>> 3) != 0;
    }
}
