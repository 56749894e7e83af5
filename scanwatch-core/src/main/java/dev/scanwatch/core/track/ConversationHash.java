package dev.scanwatch.core.track;

import dev.scanwatch.core.net.IpAddress;
import dev.scanwatch.core.probing.LinearProbing;

/**
 * The conversation table's hash of (initiator, responder, protocol and port), keyed by a seed.
 *
 * <p>The fields are multiplied by distinct odd constants side by side and combined (the high
 * halves XORed, the rest summed), then the result goes through murmur3's 64-bit finaliser
 * ({@link IpAddress#mix}): two multiplications in a row instead of six (the chained version was
 * 6 % of the reading thread, as latency before every table probe). Every field, the port
 * included, goes through the final avalanche: with the port only XORed in at the end, a scan's
 * consecutive ports filled consecutive slots and lookups crawled along that run (49 ns a packet
 * became 928).
 *
 * <p>With fixed multipliers, anyone who reads this file can choose keys that collide before the
 * finaliser (move the port by d and an IPv6 interface ID by -d times the ratio of their
 * multipliers) and fill one run of slots, so that every new conversation walks all of it: a
 * spoofed IPv6 flood would make the tracker quadratic. A seed picks other odd multipliers, which
 * such keys cannot anticipate. Seed 0 keeps the fixed ones (reproducible tests and benchmarks);
 * the CLI draws a seed per run. Lookups never depend on the seed, so alerts never do.
 */
final class ConversationHash {

    static final long A_LO = 0x9E3779B97F4A7C15L;
    private static final long B_LO = 0xC2B2AE3D27D4EB4FL;
    private static final long A_HI = 0x165667B19E3779F9L;
    private static final long B_HI = 0xD6E8FEB86659FD93L;
    static final long PORT = 0xFF51AFD7ED558CCDL;

    final long kALo;
    final long kBLo;
    final long kAHi;
    final long kBHi;
    final long kPort;

    ConversationHash(long seed) {
        kALo = LinearProbing.multiplier(A_LO, seed, 1);
        kBLo = LinearProbing.multiplier(B_LO, seed, 2);
        kAHi = LinearProbing.multiplier(A_HI, seed, 3);
        kBHi = LinearProbing.multiplier(B_HI, seed, 4);
        kPort = LinearProbing.multiplier(PORT, seed, 5);
    }

    /**
     * The hash with these multipliers, for a table that keeps them in its own fields: reached
     * through this object, they cost a tenth more tracking time in a throwaway harness.
     */
    static int of(long kALo, long kBLo, long kAHi, long kBHi, long kPort, long aHi, long aLo, long bHi, long bLo,
                  int protoPort) {
        long h = aLo * kALo + bLo * kBLo + (aHi * kAHi ^ bHi * kBHi) + protoPort * kPort;
        return (int) IpAddress.mix(h);
    }
}
