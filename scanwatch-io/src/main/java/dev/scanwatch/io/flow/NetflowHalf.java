package dev.scanwatch.io.flow;

import dev.scanwatch.core.model.Protocol;
import dev.scanwatch.core.net.IpAddress;

/**
 * One one-directional NetFlow record (nfdump). For ICMP the ports are 0 and {@code icmpType} is
 * set, so that a request and its reply have reversed keys.
 *
 * @param startNanos  flow start; the nearest known time when {@code timeUnknown}
 * @param timeUnknown the exporter wrote a zero time stamp (softflowd's NetFlow v9 does, now and then)
 * @param flags       TCP flag union, 0 for other protocols
 * @param icmpType    ICMP type, -1 for TCP and UDP
 */
record NetflowHalf(long startNanos, long endNanos, boolean timeUnknown, IpAddress src, IpAddress dst,
                   Protocol protocol, int srcPort, int dstPort, int flags, long packets, int icmpType, int icmpCode) {

    /** Comparable, so that keys chosen to share a hash cost the pairer's map a tree search, not a walk. */
    record Key(IpAddress src, IpAddress dst, Protocol protocol, int srcPort, int dstPort) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = src.compareTo(o.src);
            if (c == 0) {
                c = dst.compareTo(o.dst);
            }
            if (c == 0) {
                c = Integer.compare(protocol.ordinal(), o.protocol.ordinal());
            }
            if (c == 0) {
                c = Integer.compare(srcPort, o.srcPort);
            }
            return c != 0 ? c : Integer.compare(dstPort, o.dstPort);
        }
    }

    Key key() {
        return new Key(src, dst, protocol, srcPort, dstPort);
    }

    Key reverseKey() {
        return new Key(dst, src, protocol, dstPort, srcPort);
    }

    boolean v6() {
        return !src.isV4();
    }
}
