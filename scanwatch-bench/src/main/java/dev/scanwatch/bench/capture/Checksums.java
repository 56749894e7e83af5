package dev.scanwatch.bench.capture;

import java.nio.ByteBuffer;

/**
 * The IPv4 header checksum, recomputed after addresses are rewritten so tcpdump prints the
 * generated capture without complaint. TCP/UDP checksums are left as they are: loopback
 * captures carry partial ones anyway and no reader here verifies them.
 */
final class Checksums {

    static final int IPV4_CHECKSUM_OFFSET = 10;

    private Checksums() {
    }

    /** Recomputes the header checksum of the IPv4 header at {@code ip} (any byte order of {@code b}). */
    static void fixIpv4Header(ByteBuffer b, int ip) {
        int headerLength = (b.get(ip) & 0x0F) * 4;
        b.put(ip + IPV4_CHECKSUM_OFFSET, (byte) 0);
        b.put(ip + IPV4_CHECKSUM_OFFSET + 1, (byte) 0);
        int sum = 0;
        for (int i = 0; i < headerLength; i += 2) {
            sum += ((b.get(ip + i) & 0xFF) << 8) | (b.get(ip + i + 1) & 0xFF);
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        int checksum = ~sum & 0xFFFF;
        b.put(ip + IPV4_CHECKSUM_OFFSET, (byte) (checksum >>> 8));
        b.put(ip + IPV4_CHECKSUM_OFFSET + 1, (byte) checksum);
    }
}
