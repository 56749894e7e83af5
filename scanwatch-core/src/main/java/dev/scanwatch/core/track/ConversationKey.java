package dev.scanwatch.core.track;

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
     */
    static int hash(long aHi, long aLo, long bHi, long bLo, int protoPort) {
        long h = aHi * 0x9E3779B97F4A7C15L ^ aLo;
        h = (h ^ (h >>> 29)) * 0xBF58476D1CE4E5B9L ^ bHi;
        h = (h ^ (h >>> 31)) * 0x94D049BB133111EBL ^ bLo;
        h = (h ^ (h >>> 32)) * 0x9E3779B97F4A7C15L ^ protoPort;
        h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L; // splitmix64's finaliser
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        return (int) (h ^ (h >>> 31));
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
