package dev.scanwatch.core.net;

/**
 * An address block such as 10.0.0.0/8 or fc00::/7. IPv4 prefixes are held in the mapped form,
 * so 10.0.0.0/8 is ::ffff:10.0.0.0/104 internally and one comparison serves both families.
 */
public record Cidr(IpAddress network, int prefixLength) {

    public Cidr {
        if (prefixLength < 0 || prefixLength > 128) {
            throw new IllegalArgumentException("prefix length out of range: " + prefixLength);
        }
        network = new IpAddress(network.hi() & maskHi(prefixLength), network.lo() & maskLo(prefixLength));
    }

    /** Parses "a.b.c.d/n", "v6::/n", or a bare address (a /32 or /128). */
    public static Cidr parse(String text) {
        String s = text.trim();
        int slash = s.indexOf('/');
        IpAddress address = IpAddress.tryParse(slash < 0 ? s : s.substring(0, slash));
        if (address == null) {
            throw new IllegalArgumentException("not a CIDR block: '" + text + "'");
        }
        int max = address.isV4() ? 32 : 128;
        int length = max;
        if (slash >= 0) {
            try {
                length = Integer.parseInt(s.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a CIDR block: '" + text + "'");
            }
            if (length < 0 || length > max) {
                throw new IllegalArgumentException("prefix length out of range in '" + text + "'");
            }
        }
        return new Cidr(address, address.isV4() ? length + 96 : length);
    }

    public boolean contains(long hi, long lo) {
        return (hi & maskHi(prefixLength)) == network.hi() && (lo & maskLo(prefixLength)) == network.lo();
    }

    public boolean contains(IpAddress a) {
        return contains(a.hi(), a.lo());
    }

    private static long maskHi(int len) {
        return len >= 64 ? -1L : len == 0 ? 0 : -1L << (64 - len);
    }

    private static long maskLo(int len) {
        return len <= 64 ? 0 : len == 128 ? -1L : -1L << (128 - len);
    }

    @Override
    public String toString() {
        boolean v4 = network.isV4() && prefixLength >= 96;
        return network + "/" + (v4 ? prefixLength - 96 : prefixLength);
    }
}
