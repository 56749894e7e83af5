package dev.scanwatch.core.track;

/**
 * (initiator, responder, protocol, port): the identity of a first contact. Mutable so that one
 * instance can serve every lookup without allocating; the table stores frozen copies.
 *
 * <p>Comparable, so that keys chosen to collide (its hash is unkeyed) cost a {@link java.util.HashMap}
 * a tree search, not a walk of every one of them.
 */
final class ConversationKey implements Comparable<ConversationKey> {
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
        this.hash = ConversationHash.unkeyed(aHi, aLo, bHi, bLo, protoPort);
        return this;
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

    @Override
    public int compareTo(ConversationKey o) {
        int c = Long.compare(aLo, o.aLo);
        if (c == 0) {
            c = Long.compare(bLo, o.bLo);
        }
        if (c == 0) {
            c = Long.compare(aHi, o.aHi);
        }
        if (c == 0) {
            c = Long.compare(bHi, o.bHi);
        }
        return c != 0 ? c : Integer.compare(protoPort, o.protoPort);
    }
}
