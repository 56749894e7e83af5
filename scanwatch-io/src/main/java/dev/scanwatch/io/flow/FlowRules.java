package dev.scanwatch.io.flow;

import dev.scanwatch.core.net.IpAddress;

/** The address and port rules the packet tracker applies, restated for flow records. */
final class FlowRules {

    /** Ports below this are services; traffic from one to a port at or above it is an answer. */
    static final int FIRST_EPHEMERAL_PORT = 1024;

    static final int ICMP_ECHO_REPLY = 0;
    static final int ICMP_UNREACHABLE = 3;
    static final int ICMP_UNREACH_PROTOCOL = 2;
    static final int ICMP_UNREACH_PORT = 3;
    static final int ICMP_ECHO_REQUEST = 8;
    static final int ICMP6_UNREACHABLE = 1;
    static final int ICMP6_ECHO_REQUEST = 128;
    static final int ICMP6_ECHO_REPLY = 129;

    private static final int V4_MULTICAST_TOP_NIBBLE = 0xE;
    private static final int V4_BROADCAST = -1;
    private static final int V6_MULTICAST_TOP_BYTE = 0xFF;

    private FlowRules() {
    }

    /** A service's packet to a client port: the tracker takes it for an answer, never a probe. */
    static boolean looksLikeServerAnswer(int srcPort, int dstPort) {
        return srcPort >= 0 && srcPort < FIRST_EPHEMERAL_PORT && dstPort >= FIRST_EPHEMERAL_PORT;
    }

    /** 224.0.0.0/4, 255.255.255.255 and ff00::/8, as the tracker skips them. */
    static boolean isMulticastOrBroadcast(IpAddress a) {
        if (a.isV4()) {
            int v4 = a.v4();
            return (v4 >>> 28) == V4_MULTICAST_TOP_NIBBLE || v4 == V4_BROADCAST;
        }
        return (a.hi() >>> 56) == V6_MULTICAST_TOP_BYTE;
    }

    static boolean isEchoRequest(int type, boolean v6) {
        return type == (v6 ? ICMP6_ECHO_REQUEST : ICMP_ECHO_REQUEST);
    }

    static boolean isEchoReply(int type, boolean v6) {
        return type == (v6 ? ICMP6_ECHO_REPLY : ICMP_ECHO_REPLY);
    }

    /** ICMP errors that refuse a probe (port or protocol unreachable): CLOSED; other errors mean FILTERED. */
    static boolean isRefusal(int type, int code, boolean v6) {
        return v6 ? type == ICMP6_UNREACHABLE && code == 4
                  : type == ICMP_UNREACHABLE && (code == ICMP_UNREACH_PORT || code == ICMP_UNREACH_PROTOCOL);
    }
}
