package dev.scanwatch.bench.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * A spoofed flood with a real nmap sweep inside: {@code sources} distinct source addresses, one
 * probe each (its {@link Shape}), to a few victims, at {@code rate} probes per second of capture
 * time, and the frames of {@code sweep_445.pcap} moved from 127/8 to 10/8 and merged in on time,
 * starting {@code sweepAt} of the way through the flood, with their own relative timing kept.
 *
 * <p>Flood sources are a permutation of the address ranges below (a multiplicative bijection
 * modulo their total size), so they are distinct and scattered, never sequential. Gaps between
 * probes are uniform on [0, 2/rate), so the mean rate is exact.
 */
public final class FloodCapture {

    /** What each spoofed source sends, and whether the victim answers. */
    public enum Shape {
        /**
         * A TCP SYN to one of the victims' few ports; no answer. The flood's ingress side, where
         * nothing comes back from the spoofed addresses.
         */
        SYN(Probe.TCP_SYN, true, false, "spoofed SYNs to 3 ports, unanswered"),
        /**
         * The same SYNs, each answered by the victim's SYN-ACK to the spoofed address: the tracker
         * holds every conversation until its answer deadline, in the state that waits for the
         * scanner's next packet.
         */
        ANSWERED(Probe.TCP_SYN, true, true, "spoofed SYNs to 3 ports, each answered by a SYN-ACK"),
        /**
         * A TCP SYN to a uniformly random port: every victim sees nearly every port tried by
         * sources it never sees twice, the worst case of the distributed-scan detector.
         */
        RANDOM_PORTS(Probe.TCP_SYN, false, false, "spoofed SYNs to random ports, unanswered"),
        /** An empty UDP datagram to a random port, unanswered (a victim's ICMP is rate-limited). */
        UDP(Probe.UDP, false, false, "spoofed empty UDP datagrams to random ports, unanswered"),
        /** An ICMP echo request, unanswered: conversations without ports, one per source. */
        ICMP(Probe.ICMP_ECHO, false, false, "spoofed ICMP echo requests, unanswered");

        private final Probe probe;
        private final boolean fewPorts;
        private final boolean answered;
        private final String description;

        Shape(Probe probe, boolean fewPorts, boolean answered, String description) {
            this.probe = probe;
            this.fewPorts = fewPorts;
            this.answered = answered;
            this.description = description;
        }

        /** What each spoofed source sends. */
        public Probe probe() {
            return probe;
        }

        /** Whether the probes go to the victims' three ports ({@link #VICTIM_PORTS}), else to random ones. */
        public boolean fewPorts() {
            return fewPorts;
        }

        /** Whether the victim answers each probe with a SYN-ACK. */
        public boolean answered() {
            return answered;
        }

        public String description() {
            return description;
        }

        /** Every shape's option name, for a usage line: {@code syn|answered|...}. */
        public static String optionNames() {
            return Arrays.stream(values()).map(Shape::optionName).collect(Collectors.joining("|"));
        }

        /** The shape named on a command line ({@code syn}, {@code random-ports}...), in any case. */
        public static Shape parse(String name) {
            for (Shape s : values()) {
                if (s.optionName().equalsIgnoreCase(name)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("unknown flood shape: " + name);
        }

        public String optionName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** The packet a spoofed source sends. */
    public enum Probe {
        TCP_SYN,
        UDP,
        /** An echo request; its identifier and sequence number stand where the ports would be. */
        ICMP_ECHO
    }

    /** Spoofed sources come from these blocks, in this order of the permuted index space. */
    static final int[][] SOURCE_RANGES = {
        {(100 << 24) | (64 << 16), 10},  // 100.64.0.0/10, shared address space (4,194,304)
        {(198 << 24) | (18 << 16), 15},  // 198.18.0.0/15, benchmarking (131,072)
        {20 << 24, 8},                   // 20.0.0.0/8 ... 23.0.0.0/8: public-looking (4 x 16,777,216)
        {21 << 24, 8},
        {22 << 24, 8},
        {23 << 24, 8},
    };
    /**
     * With {@link #ipv6}: spoofed sources in 2001:db8:5000::/64, the i-th with interface ID
     * (i + 1) times an odd constant (a bijection, so all distinct), and the victims
     * 2001:db8:ffff::10-13. The sweep inside stays the real IPv4 one.
     */
    static final long SOURCE6_HI = 0x2001_0db8_5000_0000L;
    static final long VICTIM6_HI = 0x2001_0db8_ffff_0000L;
    static final long VICTIM6_LO_BASE = 0x10;
    private static final long SOURCE6_MULTIPLIER = 0x9E37_79B9_7F4A_7C15L;
    private static final int IPV6_HOP_LIMIT = FrameBuilder.ETHERNET_HEADER + 7;
    private static final int IPV6_SRC = FrameBuilder.ETHERNET_HEADER + 8;
    private static final int IPV6_DST = FrameBuilder.ETHERNET_HEADER + 24;
    private static final int TCP6_SRC_PORT = FrameBuilder.ETHERNET_HEADER + FrameBuilder.IPV6_HEADER;
    /** The victims: 203.0.113.10-13, each on these ports. */
    static final int VICTIM_BASE = (203 << 24) | (113 << 8) | 10;
    static final int VICTIMS = 4;
    static final int[] VICTIM_PORTS = {80, 443, 22};
    /** The sweep's 127/8 addresses become 10/8 ones (low 24 bits kept: 127.66.0.9 becomes 10.66.0.9). */
    static final int SWEEP_NET = 10;
    static final String SWEEP_TRACE = "sweep_445.pcap";
    /** An odd multiplier coprime with the total range size (which is not a multiple of 2^31-1's factors). */
    private static final long PERMUTE_MULTIPLIER = 2_654_435_761L;
    private static final int TCP_SRC_PORT = FrameBuilder.ETHERNET_HEADER + FrameBuilder.IPV4_HEADER;
    private static final int IP_SRC = FrameBuilder.ETHERNET_HEADER + 12;
    private static final int IP_DST = FrameBuilder.ETHERNET_HEADER + 16;
    private static final int IP_ID = FrameBuilder.ETHERNET_HEADER + 4;
    private static final int IP_TTL = FrameBuilder.ETHERNET_HEADER + 8;
    /** An echo's identifier and sequence number follow its type, code and checksum. */
    private static final int ICMP_ECHO_ID = 4;
    /** Victim ports of the random-port shapes: 1 to 65,535. */
    private static final int PORTS = 65_535;
    private static final long SEED = 0x5CA11_F100DL;

    /**
     * What was written.
     *
     * @param sweepScanner the sweep's scanner after the rewrite (dotted quad)
     * @param sweepTargets distinct sweep targets after the rewrite
     */
    public record Summary(long floodPackets, int sweepPackets, double seconds, long firstNanos,
                          long sweepStartNanos, String sweepScanner, int sweepTargets) {

        /** Every packet written: the flood's and the sweep's. */
        public long packets() {
            return floodPackets + sweepPackets;
        }
    }

    private final long sources;
    private final Shape shape;
    private final boolean ipv6;
    private final long rate;
    private final double sweepAt;
    private final List<RawFrame> sweep;
    private final long sweepSpanNanos;

    /**
     * @param sweepFrames the sweep capture's frames (127/8), in capture order
     */
    public FloodCapture(long sources, Shape shape, long rate, double sweepAt, List<RawFrame> sweepFrames) {
        this(sources, shape, false, rate, sweepAt, sweepFrames);
    }

    /**
     * @param ipv6        spoofed sources and victims are IPv6 addresses (the sweep stays IPv4)
     * @param sweepFrames the sweep capture's frames (127/8), in capture order
     */
    public FloodCapture(long sources, Shape shape, boolean ipv6, long rate, double sweepAt,
                        List<RawFrame> sweepFrames) {
        // IPv6 sources never run out; the bound keeps the flood's span in nanoseconds within a long.
        long space = ipv6 ? Long.MAX_VALUE / PcapFormat.NANOS_PER_SECOND : addressSpace();
        if (sources < 1 || sources > space) {
            throw new IllegalArgumentException("sources must be 1.." + space);
        }
        if (rate < 1) {
            throw new IllegalArgumentException("rate must be positive");
        }
        if (sweepFrames.isEmpty()) {
            throw new IllegalArgumentException("the sweep capture has no frames");
        }
        this.sources = sources;
        this.shape = shape;
        this.ipv6 = ipv6;
        this.rate = rate;
        this.sweepAt = sweepAt;
        this.sweep = rewriteSweep(sweepFrames);
        long first = sweep.get(0).timeNanos();
        this.sweepSpanNanos = sweep.get(sweep.size() - 1).timeNanos() - first;
    }

    /** The sweep from the shared loopback traces. */
    public static List<RawFrame> loadSweep(Path shared) throws IOException {
        if (shared == null) {
            throw new IOException("the shared traces are not found (-Dscanwatch.shared=DIR, or ../shared): "
                                  + "the flood needs " + TraceLoader.LOOPBACK_TRACES + "/" + SWEEP_TRACE);
        }
        Path f = shared.resolve(TraceLoader.LOOPBACK_TRACES).resolve(SWEEP_TRACE);
        List<RawFrame> frames = new ArrayList<>();
        TraceLoader.readClassicEthernet(Files.readAllBytes(f), frames);
        return frames;
    }

    static long addressSpace() {
        long n = 0;
        for (int[] r : SOURCE_RANGES) {
            n += 1L << (32 - r[1]);
        }
        return n;
    }

    /** The i-th spoofed source: distinct for distinct i below {@link #addressSpace()}. */
    static int sourceAddress(long i) {
        long space = addressSpace();
        long j = Math.floorMod(i * PERMUTE_MULTIPLIER + 12_345L, space);
        for (int[] r : SOURCE_RANGES) {
            long size = 1L << (32 - r[1]);
            if (j < size) {
                return r[0] + (int) j;
            }
            j -= size;
        }
        throw new AssertionError();
    }

    private static List<RawFrame> rewriteSweep(List<RawFrame> frames) {
        List<RawFrame> out = new ArrayList<>(frames.size());
        for (RawFrame f : frames) {
            byte[] data = f.data().clone();
            int[] o = BaseTrace.addressOffsets(data);
            if (o[0] >= 0) {
                ByteBuffer b = ByteBuffer.wrap(data);
                for (int k = BaseTrace.HEADER_SLOTS; k < o.length; k++) {
                    b.putInt(o[k], (b.getInt(o[k]) & 0x00FF_FFFF) | (SWEEP_NET << 24));
                }
                Checksums.fixIpv4Header(b, o[0]);
                if (o[1] >= 0) {
                    Checksums.fixIpv4Header(b, o[1]);
                }
            }
            out.add(new RawFrame(f.timeNanos(), data, f.wireLength()));
        }
        return out;
    }

    /** The sweep's scanner (the source of its first SYN) and its distinct targets, after the rewrite. */
    String sweepScanner() {
        ByteBuffer b = ByteBuffer.wrap(sweep.get(0).data());
        return dotted(b.getInt(IP_SRC));
    }

    int sweepTargets() {
        int scanner = ByteBuffer.wrap(sweep.get(0).data()).getInt(IP_SRC);
        HashSet<Integer> targets = new HashSet<>();
        for (RawFrame f : sweep) {
            ByteBuffer b = ByteBuffer.wrap(f.data());
            if (f.data().length >= IP_DST + 4 && b.getInt(IP_SRC) == scanner) {
                targets.add(b.getInt(IP_DST));
            }
        }
        return targets.size();
    }

    static String dotted(int a) {
        return (a >>> 24) + "." + ((a >>> 16) & 0xFF) + "." + ((a >>> 8) & 0xFF) + "." + (a & 0xFF);
    }

    public Summary writeFile(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            return write(ch);
        }
    }

    /** Writes the whole capture to {@code out} and closes it. */
    public Summary write(WritableByteChannel out) throws IOException {
        SplittableRandom random = new SplittableRandom(SEED);
        RawFrame probe = template(shape.probe());
        int transport = ipv6 ? TCP6_SRC_PORT : TCP_SRC_PORT;
        int probePorts = transport + (shape.probe() == Probe.ICMP_ECHO ? ICMP_ECHO_ID : 0);
        boolean tcp = shape.probe() == Probe.TCP_SYN;
        RawFrame answer = ipv6 ? FrameBuilder.tcp6(FrameBuilder.SYN | FrameBuilder.ACK)
                : FrameBuilder.tcp(0, 0, 0, 0, 0, FrameBuilder.SYN | FrameBuilder.ACK, 0);
        long gapNanosX2 = Math.max(1, 2 * PcapFormat.NANOS_PER_SECOND / rate);
        long first = sweep.get(0).timeNanos(); // the flood starts at the sweep's own wall-clock day
        long floodSpan = sources * PcapFormat.NANOS_PER_SECOND / rate;
        long sweepStart = first + (long) (sweepAt * Math.max(0, floodSpan - sweepSpanNanos));
        long sweepShift = sweepStart - sweep.get(0).timeNanos();
        long t = first;
        int s = 0;
        long floodPackets = 0;
        long last = first;
        try (CaptureWriter w = new CaptureWriter(out)) {
            for (long i = 0; i < sources; i++) {
                while (s < sweep.size() && sweep.get(s).timeNanos() + sweepShift <= t) {
                    RawFrame f = sweep.get(s++);
                    w.append(f.timeNanos() + sweepShift, f.data(), f.wireLength());
                }
                int source = ipv6 ? 0 : sourceAddress(i);
                int victimIndex = random.nextInt(VICTIMS);
                int victim = VICTIM_BASE + victimIndex;
                int port = shape.fewPorts()
                        ? VICTIM_PORTS[random.nextInt(VICTIM_PORTS.length)] : 1 + random.nextInt(PORTS);
                // Drawn in this order so that the SYN shape writes the very capture it always did.
                int ipId = random.nextInt(1 << 16);
                int ttl = 32 + random.nextInt(96);
                int sourcePort = 1024 + random.nextInt(64_512);
                int seq = Integer.reverseBytes(random.nextInt());
                long source6 = (i + 1) * SOURCE6_MULTIPLIER;
                long victim6 = VICTIM6_LO_BASE + victimIndex;
                if (ipv6) {
                    append6(w, t, probe, probePorts, tcp, SOURCE6_HI, source6, sourcePort, VICTIM6_HI, victim6, port,
                            seq, 0, ttl);
                } else {
                    append(w, t, probe, probePorts, tcp, source, sourcePort, victim, port, seq, 0, ipId, ttl);
                }
                floodPackets++;
                if (shape.answered()) {
                    // Answered at once: the victim is on the capture's side, and the next probe may follow within 0 ns.
                    int answerSeq = random.nextInt();
                    int answerIpId = random.nextInt(1 << 16);
                    if (ipv6) {
                        append6(w, t, answer, TCP6_SRC_PORT, true, VICTIM6_HI, victim6, port, SOURCE6_HI, source6,
                                sourcePort, answerSeq, seq + 1, 64);
                    } else {
                        append(w, t, answer, TCP_SRC_PORT, true, victim, port, source, sourcePort, answerSeq,
                                seq + 1, answerIpId, 64);
                    }
                    floodPackets++;
                }
                last = t;
                t += random.nextLong(gapNanosX2);
            }
            while (s < sweep.size()) {
                RawFrame f = sweep.get(s++);
                last = f.timeNanos() + sweepShift;
                w.append(last, f.data(), f.wireLength());
            }
        }
        return new Summary(floodPackets, sweep.size(), (last - first) / 1e9, first, sweepStart, sweepScanner(),
                sweepTargets());
    }

    /** The frame every probe of this flood is a copy of. */
    private RawFrame template(Probe probe) {
        if (ipv6) {
            return switch (probe) {
                case UDP -> FrameBuilder.udp6();
                case ICMP_ECHO -> FrameBuilder.icmp6Echo();
                case TCP_SYN -> FrameBuilder.tcp6(FrameBuilder.SYN);
            };
        }
        return switch (probe) {
            case UDP -> FrameBuilder.udp(0, 0, 0, 0, 0, 0);
            case ICMP_ECHO -> FrameBuilder.icmpEcho(0, 0, 0, false, 0, 0);
            case TCP_SYN -> FrameBuilder.tcp(0, 0, 0, 0, 0, FrameBuilder.SYN, 0);
        };
    }

    /**
     * Appends a copy of {@code template} with these addresses, ports and (TCP) sequence numbers.
     *
     * @param ports where the two ports go in the frame: an ICMP echo takes the source port as its
     *              identifier and the destination port as its sequence number
     * @param tcp   whether the template has sequence numbers
     */
    private static void append(CaptureWriter w, long t, RawFrame template, int ports, boolean tcp, int src, int srcPort,
                               int dst, int dstPort, int seq, int ack, int ipId, int ttl) throws IOException {
        int start = w.append(t, template.data(), template.wireLength());
        ByteBuffer b = w.frameBuffer(); // little-endian: network fields go in reversed
        b.putInt(start + IP_SRC, Integer.reverseBytes(src));
        b.putInt(start + IP_DST, Integer.reverseBytes(dst));
        b.putShort(start + IP_ID, Short.reverseBytes((short) ipId));
        b.put(start + IP_TTL, (byte) ttl);
        putPortsAndSequence(b, start + ports, tcp, srcPort, dstPort, seq, ack);
        Checksums.fixIpv4Header(b, start + FrameBuilder.ETHERNET_HEADER);
    }

    /** {@link #append} for an IPv6 template: its addresses, hop limit, ports and (TCP) sequence numbers. */
    private static void append6(CaptureWriter w, long t, RawFrame template, int ports, boolean tcp, long srcHi,
                                long srcLo, int srcPort, long dstHi, long dstLo, int dstPort, int seq, int ack,
                                int hopLimit) throws IOException {
        int start = w.append(t, template.data(), template.wireLength());
        ByteBuffer b = w.frameBuffer(); // little-endian: network fields go in reversed
        b.putLong(start + IPV6_SRC, Long.reverseBytes(srcHi));
        b.putLong(start + IPV6_SRC + 8, Long.reverseBytes(srcLo));
        b.putLong(start + IPV6_DST, Long.reverseBytes(dstHi));
        b.putLong(start + IPV6_DST + 8, Long.reverseBytes(dstLo));
        b.put(start + IPV6_HOP_LIMIT, (byte) hopLimit);
        putPortsAndSequence(b, start + ports, tcp, srcPort, dstPort, seq, ack);
    }

    /** The two ports at {@code at}, and for TCP the sequence and acknowledgement numbers after them. */
    private static void putPortsAndSequence(ByteBuffer b, int at, boolean tcp, int srcPort, int dstPort, int seq,
                                            int ack) {
        b.putShort(at, Short.reverseBytes((short) srcPort));
        b.putShort(at + 2, Short.reverseBytes((short) dstPort));
        if (tcp) {
            b.putInt(at + 4, Integer.reverseBytes(seq));
            b.putInt(at + 8, Integer.reverseBytes(ack));
        }
    }
}
