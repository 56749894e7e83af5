package dev.scanwatch.bench.capture;

import static dev.scanwatch.bench.capture.FrameBuilder.ACK;
import static dev.scanwatch.bench.capture.FrameBuilder.FIN;
import static dev.scanwatch.bench.capture.FrameBuilder.PSH;
import static dev.scanwatch.bench.capture.FrameBuilder.RST;
import static dev.scanwatch.bench.capture.FrameBuilder.SYN;
import static dev.scanwatch.bench.capture.FrameBuilder.loopback;

import java.util.ArrayList;
import java.util.List;

/**
 * Traffic made up when the shared traces are absent, and the benign background added to them:
 * in 127/8 like the loopback captures, so the generator rewrites both the same way.
 */
public final class SyntheticTraffic {

    /** Like the shared traces: hosts 1-3 answer, up to 127 refuse, the rest never answer. */
    static final int SWEEP_HOSTS = 254;
    static final int OPEN_HOSTS = 3;
    static final int LAST_REFUSING_HOST = 127;
    static final int SWEEP_PORT = 445;
    static final int SCANNED_PORTS = 1000;
    static final int[] OPEN_PORTS = {22, 80, 443};
    /** nmap's default pacing on a LAN is about this fast. */
    static final long PROBE_GAP_NANOS = 100_000L;
    /** A LAN round trip. */
    static final long ANSWER_DELAY_NANOS = 30_000L;
    static final int SCANNER_SRC_PORT = 43_621;

    /** Background clients are 127.100.0.1-200, so each repetition has 200 benign sources. */
    static final int BACKGROUND_CLIENTS = 200;
    static final int[] SERVICE_PORTS = {80, 443};
    static final int SERVERS = 8;
    static final int RESOLVER_HOST = 53;
    static final int DNS_PORT = 53;
    static final int FIRST_CLIENT_PORT = 32_768;
    static final int CLIENT_PORTS = 28_000;
    static final int REQUEST_BYTES = 300;
    static final int RESPONSE_BYTES = 1_400;
    static final int DNS_QUERY_BYTES = 40;
    static final int DNS_ANSWER_BYTES = 120;
    /** Packets of one background TCP flow and its DNS lookup, see {@link #benignFlow}. */
    static final int PACKETS_PER_BACKGROUND_FLOW = 10;

    private SyntheticTraffic() {
    }

    /** A SYN sweep of port 445 and a SYN scan of 1000 ports, with the kernel's answers. */
    public static List<RawFrame> scans(long start) {
        List<RawFrame> out = new ArrayList<>();
        int sweeper = loopback(66, 0, 1);
        long t = start;
        for (int host = 1; host <= SWEEP_HOSTS; host++, t += PROBE_GAP_NANOS) {
            probeAndAnswer(out, t, sweeper, loopback(0, 0, host), SWEEP_PORT,
                    host <= OPEN_HOSTS, host <= LAST_REFUSING_HOST);
        }
        int scanner = loopback(66, 0, 2);
        int target = loopback(0, 0, 1);
        for (int port = 1; port <= SCANNED_PORTS; port++, t += PROBE_GAP_NANOS) {
            probeAndAnswer(out, t, scanner, target, port, isOpen(port), true);
        }
        return out;
    }

    private static boolean isOpen(int port) {
        for (int p : OPEN_PORTS) {
            if (p == port) {
                return true;
            }
        }
        return false;
    }

    private static void probeAndAnswer(List<RawFrame> out, long t, int scanner, int target, int port,
                                       boolean open, boolean answers) {
        out.add(FrameBuilder.tcp(t, scanner, SCANNER_SRC_PORT, target, port, SYN, 0));
        if (open) {
            out.add(FrameBuilder.tcp(t + ANSWER_DELAY_NANOS, target, port, scanner, SCANNER_SRC_PORT, SYN | ACK, 0));
            out.add(FrameBuilder.tcp(t + 2 * ANSWER_DELAY_NANOS, scanner, SCANNER_SRC_PORT, target, port, RST, 0));
        } else if (answers) {
            out.add(FrameBuilder.tcp(t + ANSWER_DELAY_NANOS, target, port, scanner, SCANNER_SRC_PORT, RST | ACK, 0));
        }
    }

    /**
     * About {@code packets} packets of benign traffic spread evenly over [start, start + span):
     * DNS lookups followed by complete HTTP(S) exchanges from a fixed set of clients.
     */
    public static List<RawFrame> background(long start, long span, int packets) {
        List<RawFrame> out = new ArrayList<>(packets + PACKETS_PER_BACKGROUND_FLOW);
        int flows = Math.max(1, packets / PACKETS_PER_BACKGROUND_FLOW);
        long gap = Math.max(1, span / flows);
        for (int i = 0; i < flows; i++) {
            benignFlow(out, start + i * gap, i);
        }
        return out;
    }

    private static void benignFlow(List<RawFrame> out, long t, int i) {
        int client = loopback(100, 0, 1 + i % BACKGROUND_CLIENTS);
        int server = loopback(0, 0, 1 + i % SERVERS);
        int resolver = loopback(0, 0, RESOLVER_HOST);
        int port = SERVICE_PORTS[i % SERVICE_PORTS.length];
        int cport = FIRST_CLIENT_PORT + i % CLIENT_PORTS;
        long rtt = ANSWER_DELAY_NANOS;
        out.add(FrameBuilder.udp(t, client, cport, resolver, DNS_PORT, DNS_QUERY_BYTES));
        out.add(FrameBuilder.udp(t + rtt, resolver, DNS_PORT, client, cport, DNS_ANSWER_BYTES));
        t += 2 * rtt;
        out.add(FrameBuilder.tcp(t, client, cport, server, port, SYN, 0));
        out.add(FrameBuilder.tcp(t + rtt, server, port, client, cport, SYN | ACK, 0));
        out.add(FrameBuilder.tcp(t + 2 * rtt, client, cport, server, port, ACK, 0));
        out.add(FrameBuilder.tcp(t + 3 * rtt, client, cport, server, port, PSH | ACK, REQUEST_BYTES));
        out.add(FrameBuilder.tcp(t + 4 * rtt, server, port, client, cport, PSH | ACK, RESPONSE_BYTES));
        out.add(FrameBuilder.tcp(t + 5 * rtt, client, cport, server, port, FIN | ACK, 0));
        out.add(FrameBuilder.tcp(t + 6 * rtt, server, port, client, cport, FIN | ACK, 0));
        out.add(FrameBuilder.tcp(t + 7 * rtt, client, cport, server, port, ACK, 0));
    }
}
