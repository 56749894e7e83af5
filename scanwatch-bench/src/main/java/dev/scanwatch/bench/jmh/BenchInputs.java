package dev.scanwatch.bench.jmh;

import dev.scanwatch.bench.capture.BaseTrace;
import dev.scanwatch.bench.capture.CaptureGenerator;
import dev.scanwatch.bench.capture.TraceLoader;
import dev.scanwatch.core.model.Attempt;
import dev.scanwatch.core.packet.Packet;
import dev.scanwatch.core.track.ConnectionTracker;
import dev.scanwatch.core.track.TrackerConfig;
import dev.scanwatch.io.capture.CaptureReader;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmarks' inputs, built once per JVM from the same generator as the throughput command
 * (shared loopback traces repeated with rewritten addresses, plus benign background), at every
 * stage of the pipeline: pcap bytes, raw frames, decoded packets, attempts.
 */
public final class BenchInputs {

    /**
     * Packets per benchmark invocation: a few overlapping repetitions of the base trace. A
     * compile-time constant because JMH's OperationsPerInvocation needs one.
     */
    public static final int PACKETS = 200_000;
    /** Attempts per detector invocation; the packets above yield more than this. */
    public static final int ATTEMPTS = 40_000;
    private static final int PCAP_FILE_HEADER = 24;
    private static final int PCAP_RECORD_HEADER = 16;
    private static final int CAPLEN_FIELD = 8;
    private static final int LINKTYPE_ETHERNET = 1;

    private static BenchInputs instance;

    final byte[] pcap;
    final Path pcapFile;
    /** All frames back to back, big-endian as the reader's window is, with their offsets and lengths. */
    final ByteBuffer frames;
    final int[] frameOffsets;
    final int[] frameLengths;
    final int linkType = LINKTYPE_ETHERNET;
    final Packet[] packets;
    final Attempt[] attempts;
    /** The tracker's event time when each attempt was emitted: what the pipeline advances detectors to. */
    final long[] attemptNow;

    private BenchInputs() throws IOException {
        BaseTrace base = BaseTrace.load(TraceLoader.sharedDirectory(), BaseTrace.DEFAULT_BACKGROUND_RATIO);
        pcap = new CaptureGenerator(base, CaptureGenerator.DEFAULT_OVERLAP).toBytes(PACKETS);
        pcapFile = Files.createTempFile("scanwatch-bench-", ".pcap");
        pcapFile.toFile().deleteOnExit();
        Files.write(pcapFile, pcap);

        ByteBuffer le = ByteBuffer.wrap(pcap).order(ByteOrder.LITTLE_ENDIAN);
        frames = ByteBuffer.allocateDirect(pcap.length).order(ByteOrder.BIG_ENDIAN);
        frameOffsets = new int[PACKETS];
        frameLengths = new int[PACKETS];
        int p = PCAP_FILE_HEADER;
        for (int i = 0; i < PACKETS; i++) {
            int caplen = le.getInt(p + CAPLEN_FIELD);
            frameOffsets[i] = frames.position();
            frameLengths[i] = caplen;
            frames.put(pcap, p + PCAP_RECORD_HEADER, caplen);
            p += PCAP_RECORD_HEADER + caplen;
        }

        List<Packet> decoded = new ArrayList<>(PACKETS);
        CaptureReader.read("bench", new ByteArrayInputStream(pcap), pkt -> decoded.add(pkt.copy()));
        packets = decoded.toArray(new Packet[0]);

        List<Attempt> found = new ArrayList<>();
        List<Long> nows = new ArrayList<>();
        ConnectionTracker[] holder = new ConnectionTracker[1];
        holder[0] = new ConnectionTracker(TrackerConfig.defaults(), a -> {
            found.add(a);
            nows.add(holder[0].now());
        });
        for (Packet pkt : packets) {
            holder[0].onPacket(pkt);
        }
        holder[0].finish();
        if (found.size() < ATTEMPTS) {
            throw new IllegalStateException("only " + found.size() + " attempts in " + PACKETS + " packets");
        }
        attempts = found.subList(0, ATTEMPTS).toArray(new Attempt[0]);
        attemptNow = nows.stream().limit(ATTEMPTS).mapToLong(Long::longValue).toArray();
        System.out.printf("bench inputs: %d packets (%d pcap bytes), %d attempts (first %d used)%n",
                packets.length, pcap.length, found.size(), ATTEMPTS);
    }

    /** The inputs, built on first use; every benchmark of one JVM shares them. */
    public static synchronized BenchInputs get() {
        if (instance == null) {
            try {
                instance = new BenchInputs();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }
}
