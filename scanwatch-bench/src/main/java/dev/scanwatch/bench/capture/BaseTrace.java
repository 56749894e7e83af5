package dev.scanwatch.bench.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * The traffic one repetition of a generated capture holds: the shared loopback captures merged
 * on their own timestamps (they were recorded in one session, so this keeps their real overlap
 * and pacing), or synthetic scans when they are absent, plus synthetic benign background. Each
 * frame comes with the buffer offsets of its 127/8 addresses, so that repetitions are rewritten
 * in place without parsing again.
 */
public final class BaseTrace {

    /** Background packets per base packet by default: one to one, so half the capture is benign. */
    public static final double DEFAULT_BACKGROUND_RATIO = 1.0;
    /** Where synthetic traffic starts when there are no shared traces: 2023-11-14, any value would do. */
    static final long SYNTHETIC_START_NANOS = 1_700_000_000L * PcapFormat.NANOS_PER_SECOND;
    /** The synthetic scans' background is spread over this much time, as the loopback session's. */
    static final long SYNTHETIC_SPAN_NANOS = 60L * PcapFormat.NANOS_PER_SECOND;

    private static final int ETHERTYPE_OFFSET = 12;
    private static final int ETHERTYPE_VLAN = 0x8100;
    private static final int VLAN_TAG = 4;
    private static final int IP_SRC_OFFSET = 12;
    private static final int IP_DST_OFFSET = 16;
    private static final int IP_PROTOCOL_OFFSET = 9;
    private static final int ICMP_HEADER = 8;
    private static final int ICMP_UNREACHABLE = 3;
    private static final int ICMP_SOURCE_QUENCH = 4;
    private static final int ICMP_REDIRECT = 5;
    private static final int ICMP_TIME_EXCEEDED = 11;
    private static final int ICMP_PARAMETER_PROBLEM = 12;
    private static final int IPV4_MIN_HEADER = 20;
    /** Leading entries of a rewrite plan: the outer and the quoted IPv4 header's offsets. */
    static final int HEADER_SLOTS = 2;

    final long firstNanos;
    final long spanNanos;
    final long[] relativeNanos;
    final byte[][] frames;
    final int[] wireLengths;
    /**
     * Per frame: offset of the outer IPv4 header (-1: nothing to rewrite), offset of the header an
     * ICMP error quotes (-1: none), then (address offset, dictionary index) pairs.
     */
    final int[][] rewrites;
    final AddressPlan addresses;
    final boolean fromSharedTraces;

    private BaseTrace(List<RawFrame> sorted, boolean fromSharedTraces) {
        this.fromSharedTraces = fromSharedTraces;
        int n = sorted.size();
        this.firstNanos = sorted.get(0).timeNanos();
        this.spanNanos = sorted.get(n - 1).timeNanos() - firstNanos;
        this.relativeNanos = new long[n];
        this.frames = new byte[n][];
        this.wireLengths = new int[n];
        this.rewrites = new int[n][];
        TreeSet<Integer> seen = new TreeSet<>();
        List<int[]> offsets = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            RawFrame f = sorted.get(i);
            relativeNanos[i] = f.timeNanos() - firstNanos;
            frames[i] = f.data();
            wireLengths[i] = f.wireLength();
            int[] o = addressOffsets(f.data());
            offsets.add(o);
            ByteBuffer b = ByteBuffer.wrap(f.data());
            for (int k = HEADER_SLOTS; k < o.length; k++) {
                seen.add(b.getInt(o[k]));
            }
        }
        this.addresses = new AddressPlan(seen.stream().mapToInt(Integer::intValue).toArray());
        for (int i = 0; i < n; i++) {
            int[] o = offsets.get(i);
            if (o[0] < 0) {
                rewrites[i] = new int[] {-1, -1};
                continue;
            }
            ByteBuffer b = ByteBuffer.wrap(frames[i]);
            int[] plan = new int[HEADER_SLOTS + 2 * (o.length - HEADER_SLOTS)];
            plan[0] = o[0];
            plan[1] = o[1];
            for (int k = HEADER_SLOTS; k < o.length; k++) {
                plan[HEADER_SLOTS + 2 * (k - HEADER_SLOTS)] = o[k];
                plan[HEADER_SLOTS + 2 * (k - HEADER_SLOTS) + 1] = addresses.indexOf(b.getInt(o[k]));
            }
            rewrites[i] = plan;
        }
    }

    /** The shared loopback captures (or synthetic scans) plus {@code backgroundRatio} benign packets per packet. */
    public static BaseTrace load(Path shared, double backgroundRatio) throws IOException {
        List<RawFrame> frames = TraceLoader.loopbackFrames(shared);
        boolean fromShared = !frames.isEmpty();
        long start;
        long span;
        if (fromShared) {
            start = frames.stream().mapToLong(RawFrame::timeNanos).min().orElseThrow();
            span = frames.stream().mapToLong(RawFrame::timeNanos).max().orElseThrow() - start;
        } else {
            frames = new ArrayList<>(SyntheticTraffic.scans(SYNTHETIC_START_NANOS));
            start = SYNTHETIC_START_NANOS;
            span = SYNTHETIC_SPAN_NANOS;
        }
        frames.addAll(SyntheticTraffic.background(start, span, (int) Math.round(frames.size() * backgroundRatio)));
        frames.sort(Comparator.comparingLong(RawFrame::timeNanos)); // stable: a capture's own order is kept
        return new BaseTrace(frames, fromShared);
    }

    public int size() {
        return frames.length;
    }

    public boolean fromSharedTraces() {
        return fromSharedTraces;
    }

    /** Distinct addresses one repetition uses. */
    public int addressesPerRepetition() {
        return addresses.size();
    }

    /**
     * Offsets of the 127/8 IPv4 addresses in an Ethernet frame: the outer header's, and those of
     * the header an ICMP error quotes (the tracker pairs the error with its probe through them).
     * Elements 0 and 1 are the outer and quoted headers' offsets (-1 when absent or when they
     * hold nothing to rewrite); a frame with nothing to rewrite gives {-1, -1}.
     */
    static int[] addressOffsets(byte[] frame) {
        ByteBuffer b = ByteBuffer.wrap(frame);
        int typeAt = ETHERTYPE_OFFSET;
        if (frame.length < typeAt + 2) {
            return new int[] {-1, -1};
        }
        int type = b.getShort(typeAt) & 0xFFFF;
        while (type == ETHERTYPE_VLAN && typeAt + VLAN_TAG + 2 <= frame.length) {
            typeAt += VLAN_TAG;
            type = b.getShort(typeAt) & 0xFFFF;
        }
        int ip = typeAt + 2;
        if (type != FrameBuilder.ETHERTYPE_IPV4 || ip + IPV4_MIN_HEADER > frame.length) {
            return new int[] {-1, -1};
        }
        List<Integer> found = new ArrayList<>();
        addIfLoopback(b, ip + IP_SRC_OFFSET, found);
        addIfLoopback(b, ip + IP_DST_OFFSET, found);
        int headerLength = (frame[ip] & 0x0F) * 4;
        int icmp = ip + headerLength;
        int quotedHeader = -1;
        if ((frame[ip + IP_PROTOCOL_OFFSET] & 0xFF) == FrameBuilder.PROTO_ICMP && icmp < frame.length
            && isIcmpError(frame[icmp] & 0xFF)) {
            int quoted = icmp + ICMP_HEADER;
            int before = found.size();
            if (quoted + IPV4_MIN_HEADER <= frame.length) {
                addIfLoopback(b, quoted + IP_SRC_OFFSET, found);
                addIfLoopback(b, quoted + IP_DST_OFFSET, found);
            }
            if (found.size() > before && quoted + (frame[quoted] & 0x0F) * 4 <= frame.length) {
                quotedHeader = quoted; // its checksum is fixed too, when the whole header was quoted
            }
        }
        if (found.isEmpty()) {
            return new int[] {-1, -1};
        }
        int[] out = new int[HEADER_SLOTS + found.size()];
        out[0] = ip;
        out[1] = quotedHeader;
        for (int k = 0; k < found.size(); k++) {
            out[HEADER_SLOTS + k] = found.get(k);
        }
        return out;
    }

    private static boolean isIcmpError(int type) {
        return type == ICMP_UNREACHABLE || type == ICMP_SOURCE_QUENCH || type == ICMP_REDIRECT
               || type == ICMP_TIME_EXCEEDED || type == ICMP_PARAMETER_PROBLEM;
    }

    private static void addIfLoopback(ByteBuffer b, int offset, List<Integer> into) {
        if (AddressPlan.isLoopback(b.getInt(offset))) {
            into.add(offset);
        }
    }
}
