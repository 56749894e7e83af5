package dev.scanwatch.core.track;

import dev.scanwatch.core.net.IpAddress;

/**
 * (initiator, responder, protocol, port): the identity of a first contact. Mutable so that one
 * instance can serve every lookup without allocating; the table stores frozen copies.
 */
final class ConversationKey {
    long aHi;
    long aLo;
    long bHi;
    long bLo;
    /** Protocol ordinal in the upper 16 bits, destination port (or IP protocol number) below. */
    int protoPort;
    private int hash;

    ConversationKey set(long aHi, long aLo, long bHi, long bLo, int protoPort) {
        this.aHi = aHi;
        this.aLo = aLo;
        this.bHi = bHi;
        this.bLo = bLo;
        this.protoPort = protoPort;
        this.hash = hash(aHi, aLo, bHi, bLo, protoPort);
        return this;
    }

    /**
     * A well-mixed hash of the key fields: the conversation table probes linearly from its low
     * bits, so every field, the port included, must go through a final avalanche. (With the port
     * only XORed in at the end, a scan's consecutive ports filled consecutive slots and lookups
     * crawled along that run: 49 ns a packet became 928.)
     *
     * <p>The fields are multiplied by distinct odd constants side by side and combined (the high
     * halves XORed, the rest summed), then the result goes through murmur3's 64-bit finaliser
     * ({@link IpAddress#mix}): two multiplications in a row instead of six (the chained version was
     * 6 % of the reading thread, as latency before every table probe).
     */
    static int hash(long aHi, long aLo, long bHi, long bLo, int protoPort) {
        long h = aLo * 0x9E3779B97F4A7C15L + bLo * 0xC2B2AE3D27D4EB4FL
                 + (aHi * 0x165667B19E3779F9L ^ bHi * 0xD6E8FEB86659FD93L) + protoPort * 0xFF51AFD7ED558CCDL;
        return (int) IpAddress.mix(h);
    }

    ConversationKey copy() {
        return new ConversationKey().set(aHi, aLo, bHi, bLo, protoPort);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConversationKey k && k.hash == hash && k.protoPort == protoPort
               && k.aLo == aLo && k.bLo == bLo && k.aHi == aHi && k.bHi == bHi;
    }
}
