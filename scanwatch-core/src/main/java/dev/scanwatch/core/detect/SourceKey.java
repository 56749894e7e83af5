package dev.scanwatch.core.detect;

import dev.scanwatch.core.model.Protocol;
import dev.scanwatch.core.net.IpAddress;

/** Detector state is keyed by scanner and protocol: one alert per (source, protocol) scan. */
record SourceKey(IpAddress src, Protocol protocol) implements java.io.Serializable {

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
}
