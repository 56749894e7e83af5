package dev.scanwatch.core.net;

/**
 * An IPv4 or IPv6 address as two longs, big-endian halves of the 128-bit IPv6 form.
 *
 * <p>IPv4 addresses are stored IPv4-mapped ({@code ::ffff:a.b.c.d}) so that one representation
 * serves both families and compares numerically; {@link #isV4()} tells them apart. The hot path
 * never builds these (it carries the two longs in {@link dev.scanwatch.core.packet.Packet});
 * records are built only when state is created or an alert is written.
 */
public record IpAddress(long hi, long lo) implements Comparable<IpAddress>, java.io.Serializable {

    /** The upper 32 bits of {@code lo} for an IPv4-mapped address. */
    public static final long V4_MAPPED_PREFIX = 0x0000_FFFF_0000_0000L;

    public static long v4Lo(int v4) {
        return V4_MAPPED_PREFIX | (v4 & 0xFFFF_FFFFL);
    }

    public static boolean isV4(long hi, long lo) {
        return hi == 0 && (lo & 0xFFFF_FFFF_0000_0000L) == V4_MAPPED_PREFIX;
    }

    public static IpAddress ofV4(int v4) {
        return new IpAddress(0, v4Lo(v4));
    }

    public static IpAddress ofV4(int a, int b, int c, int d) {
        return ofV4((a << 24) | (b << 16) | (c << 8) | d);
    }

    public boolean isV4() {
        return isV4(hi, lo);
    }

    /** The IPv4 address as an int; only meaningful when {@link #isV4()}. */
    public int v4() {
        return (int) lo;
    }

    /** Parses dotted IPv4 or any RFC 4291 IPv6 text form (including embedded IPv4). */
    public static IpAddress parse(String text) {
        IpAddress a = tryParse(text);
        if (a == null) {
            throw new IllegalArgumentException("not an IP address: '" + text + "'");
        }
        return a;
    }

    /** Parses like {@link #parse} but returns null for text that is not an address. */
    public static IpAddress tryParse(String text) {
        return text == null ? null : tryParse(text, 0, text.length());
    }

    /**
     * {@link #tryParse(String)} of {@code text[from, to)}: a field of a longer line, parsed where
     * it is (an IPv4 address without cutting it out).
     */
    public static IpAddress tryParse(String text, int from, int to) {
        if (from >= to) {
            return null;
        }
        for (int i = from; i < to; i++) { // not past the range: a line's later fields may hold colons
            if (text.charAt(i) == ':') {
                return parseV6(from == 0 && to == text.length() ? text : text.substring(from, to));
            }
        }
        long v4 = parseV4(text, from, to);
        return v4 < 0 ? null : ofV4((int) v4);
    }

    private static long parseV4(String s, int from, int to) {
        long value = 0;
        int parts = 0;
        int i = from;
        int n = to;
        while (i <= n) {
            int start = i;
            int octet = 0;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                octet = octet * 10 + (s.charAt(i) - '0');
                if (octet > 255 || i - start > 2) {
                    return -1;
                }
                i++;
            }
            if (i == start) {
                return -1;
            }
            value = (value << 8) | octet;
            parts++;
            if (i == n) {
                break;
            }
            if (s.charAt(i) != '.' || parts == 4) {
                return -1;
            }
            i++;
        }
        return parts == 4 ? value : -1;
    }

    private static IpAddress parseV6(String s) {
        int[] groups = new int[8];
        int count = 0;
        int gap = -1;
        int i = 0;
        int n = s.length();
        if (s.startsWith("::")) {
            gap = 0;
            i = 2;
            if (i == n) {
                return new IpAddress(0, 0);
            }
        } else if (s.startsWith(":")) {
            return null;
        }
        while (i < n) {
            int start = i;
            int value = 0;
            while (i < n && Character.digit(s.charAt(i), 16) >= 0 && i - start < 4) {
                value = (value << 4) | Character.digit(s.charAt(i), 16);
                i++;
            }
            if (i < n && s.charAt(i) == '.') {
                // embedded IPv4 in the last 32 bits
                long v4 = parseV4(s, start, n);
                if (v4 < 0 || count > 6) {
                    return null;
                }
                groups[count++] = (int) (v4 >>> 16);
                groups[count++] = (int) (v4 & 0xFFFF);
                i = n;
                break;
            }
            if (i == start || count == 8) {
                return null;
            }
            groups[count++] = value;
            if (i == n) {
                break;
            }
            if (s.charAt(i) != ':') {
                return null;
            }
            i++;
            if (i < n && s.charAt(i) == ':') {
                if (gap >= 0) {
                    return null;
                }
                gap = count;
                i++;
            } else if (i == n) {
                return null;
            }
        }
        int[] full = new int[8];
        if (gap >= 0) {
            if (count > 7) {
                return null;
            }
            int tail = count - gap;
            System.arraycopy(groups, 0, full, 0, gap);
            System.arraycopy(groups, gap, full, 8 - tail, tail);
        } else {
            if (count != 8) {
                return null;
            }
            full = groups;
        }
        long hi = 0;
        long lo = 0;
        for (int g = 0; g < 4; g++) {
            hi = (hi << 16) | full[g];
            lo = (lo << 16) | full[g + 4];
        }
        return new IpAddress(hi, lo);
    }

    // equals and hashCode written out: the generated ones go through an invokedynamic call site
    // whose method-handle guard stayed at 5 % of a warm one-thread profile (HashMap keys of the
    // detectors).
    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof IpAddress a && a.lo == lo && a.hi == hi;
    }

    /**
     * The upper half of a multiplicative hash, which every bit of the address moves. The record's
     * formula, {@code 31 * Long.hashCode(hi) + Long.hashCode(lo)}, is the address itself for IPv4,
     * and HashMap keeps only the low bits after folding the upper half onto them: a map of fewer
     * than 65,536 bins ignored the bits between its size and the /16, so the hosts of one /16 in
     * a map (a sweep's targets, the bench's shifted copies of a trace) shared a few bins. Those
     * became trees: 5 % of the detectors' time went to tree searches.
     */
    @Override
    public int hashCode() {
        return (int) (fold(hi, lo) * 0xC2B2_AE3D_27D4_EB4FL >>> 32);
    }

    @Override
    public int compareTo(IpAddress o) {
        int c = Long.compareUnsigned(hi, o.hi);
        return c != 0 ? c : Long.compareUnsigned(lo, o.lo);
    }

    /** This address's {@link #fingerprint(long, long)}. */
    public long fingerprint() {
        return fingerprint(hi, lo);
    }

    /** A well-mixed 64-bit fingerprint, for distinct counting and hashing. */
    public static long fingerprint(long hi, long lo) {
        return mix(fold(hi, lo));
    }

    /** Both halves in one long, before whatever mixing follows. */
    private static long fold(long hi, long lo) {
        return hi * 0x9E37_79B9_7F4A_7C15L ^ lo;
    }

    /** murmur3's 64-bit finaliser: every input bit reaches every output bit. */
    public static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xFF51_AFD7_ED55_8CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CE_B9FE_1A85_EC53L;
        return z ^ (z >>> 33);
    }

    /**
     * x with x * odd == 1 (mod 2^64): what undoes a multiplication by an odd constant. Newton's
     * iteration; an odd number is its own inverse to 3 bits, and each step doubles them.
     */
    public static long inverseOfOdd(long odd) {
        long x = odd;
        for (int i = 0; i < 5; i++) {
            x *= 2 - odd * x;
        }
        return x;
    }

    @Override
    public String toString() {
        return format(hi, lo);
    }

    /** Dotted quad for IPv4, RFC 5952 canonical text for IPv6. */
    public static String format(long hi, long lo) {
        if (isV4(hi, lo)) {
            int v = (int) lo;
            return ((v >>> 24) & 0xFF) + "." + ((v >>> 16) & 0xFF) + "." + ((v >>> 8) & 0xFF) + "." + (v & 0xFF);
        }
        int[] g = new int[8];
        for (int i = 0; i < 4; i++) {
            g[i] = (int) ((hi >>> (48 - 16 * i)) & 0xFFFF);
            g[i + 4] = (int) ((lo >>> (48 - 16 * i)) & 0xFFFF);
        }
        // RFC 5952: compress the longest run (>= 2) of zero groups, the first one on ties.
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }
}
