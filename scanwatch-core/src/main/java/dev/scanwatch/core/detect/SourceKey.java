package dev.scanwatch.core.detect;

import dev.scanwatch.core.model.Protocol;
import dev.scanwatch.core.net.IpAddress;

/**
 * Detector state is keyed by scanner and protocol: one alert per (source, protocol) scan.
 * Comparable, so that sources chosen to share a hash (the address hash is public, and an IPv6
 * scanner owns a /64 to pick from: SourceKeyTest builds 20,000 such keys) cost the hash map a tree
 * search, not a walk of them all.
 */
record SourceKey(IpAddress src, Protocol protocol) implements java.io.Serializable, Comparable<SourceKey> {

    // Written out for the same reason as IpAddress's; the protocol's ordinal, not its identity
    // hash, so that the hash is the same in every run.
    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof SourceKey k && k.protocol == protocol && k.src.equals(src);
    }

    @Override
    public int hashCode() {
        return 31 * src.hashCode() + protocol.ordinal();
    }

    @Override
    public int compareTo(SourceKey o) {
        int c = src.compareTo(o.src);
        return c != 0 ? c : Integer.compare(protocol.ordinal(), o.protocol.ordinal());
    }
}
