package dev.scanwatch.bench.netflow;

import dev.scanwatch.core.net.IpAddress;
import dev.scanwatch.io.netflow.FlowRecord;
import dev.scanwatch.io.netflow.FlowRecordListener;
import dev.scanwatch.io.netflow.NetflowDecoder;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Decoding throughput of NetFlow v9 and IPFIX data sets, in records per second on one thread:
 * softflowd-shaped templates (IPv4, ports, protocol, flags, counters, times), 24 records a datagram (MTU-sized),
 * templates already known (the steady state of a collector). The listener only touches the record,
 * so this is the decoder alone, without pairing or detection.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class NetflowDecodeBench {

    static final int RECORDS_PER_DATAGRAM = 24;
    static final int DATAGRAMS = 64;
    static final int RECORDS = RECORDS_PER_DATAGRAM * DATAGRAMS;
    private static final IpAddress EXPORTER = IpAddress.parse("192.0.2.1");
    private static final int TEMPLATE_ID = 256;
    private static final long UNIX = 1_700_000_000L;

    private ByteBuffer[] v9;
    private ByteBuffer[] ipfix;
    private NetflowDecoder v9Decoder;
    private NetflowDecoder ipfixDecoder;
    private Blackhole sink;

    @Setup
    public void setup(Blackhole bh) {
        this.sink = bh;
        FlowRecordListener listener = this::consume;
        v9Decoder = new NetflowDecoder(listener);
        ipfixDecoder = new NetflowDecoder(listener);
        ByteBuffer v9Template = v9Datagram(true, 0);
        v9Decoder.decode(EXPORTER, v9Template, 0, v9Template.limit());
        ByteBuffer ipfixTemplate = ipfixDatagram(true, 0);
        ipfixDecoder.decode(EXPORTER, ipfixTemplate, 0, ipfixTemplate.limit());
        v9 = new ByteBuffer[DATAGRAMS];
        ipfix = new ByteBuffer[DATAGRAMS];
        for (int i = 0; i < DATAGRAMS; i++) {
            v9[i] = v9Datagram(false, i);
            ipfix[i] = ipfixDatagram(false, i);
        }
    }

    private void consume(FlowRecord r) {
        sink.consume(r.dstPort ^ r.tcpFlags ^ r.startMillis ^ r.dstLo);
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public void v9() {
        for (ByteBuffer b : v9) {
            v9Decoder.decode(EXPORTER, b, 0, b.limit());
        }
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public void ipfix() {
        for (ByteBuffer b : ipfix) {
            ipfixDecoder.decode(EXPORTER, b, 0, b.limit());
        }
    }

    /** softflowd's v9 template: addresses, uptime times, counters, ports, flags, protocol, ToS, version. */
    private static final int[][] V9_FIELDS = {{8, 4}, {12, 4}, {21, 4}, {22, 4}, {1, 4}, {2, 4}, {10, 4}, {14, 4},
        {7, 2}, {11, 2}, {4, 1}, {6, 1}, {60, 1}, {5, 1}};
    /** IPFIX with absolute millisecond times, 8-byte counters. */
    private static final int[][] IPFIX_FIELDS = {{8, 4}, {12, 4}, {152, 8}, {153, 8}, {1, 8}, {2, 8}, {10, 4},
        {14, 4}, {7, 2}, {11, 2}, {4, 1}, {6, 1}, {60, 1}, {5, 1}};

    static ByteBuffer v9Datagram(boolean template, int seed) {
        ByteBuffer b = ByteBuffer.allocate(1500);
        b.putShort((short) 9).putShort((short) (template ? 1 : RECORDS_PER_DATAGRAM)).putInt(1_000_000)
                .putInt((int) UNIX).putInt(seed).putInt(0);
        if (template) {
            templateSet(b, 0, V9_FIELDS);
        } else {
            dataSet(b, V9_FIELDS, seed);
        }
        b.flip();
        return b;
    }

    static ByteBuffer ipfixDatagram(boolean template, int seed) {
        ByteBuffer b = ByteBuffer.allocate(1500);
        b.putShort((short) 10).putShort((short) 0).putInt((int) UNIX).putInt(seed).putInt(0);
        if (template) {
            templateSet(b, 2, IPFIX_FIELDS);
        } else {
            dataSet(b, IPFIX_FIELDS, seed);
        }
        b.putShort(2, (short) b.position());
        b.flip();
        return b;
    }

    private static void templateSet(ByteBuffer b, int setId, int[][] fields) {
        b.putShort((short) setId).putShort((short) (8 + 4 * fields.length)).putShort((short) TEMPLATE_ID)
                .putShort((short) fields.length);
        for (int[] f : fields) {
            b.putShort((short) f[0]).putShort((short) f[1]);
        }
    }

    private static void dataSet(ByteBuffer b, int[][] fields, int seed) {
        int start = b.position();
        b.putShort((short) TEMPLATE_ID).putShort((short) 0);
        for (int r = 0; r < RECORDS_PER_DATAGRAM; r++) {
            for (int[] f : fields) {
                long value = switch (f[0]) {
                    case 8 -> 0x0A000001L + seed;
                    case 12 -> 0x0A010000L + r;
                    case 11 -> 1 + r;
                    case 4 -> 6;
                    case 6 -> 2;
                    case 152, 153 -> UNIX * 1000 + r;
                    case 21, 22 -> 999_000 + r;
                    default -> 1;
                };
                for (int i = f[1] - 1; i >= 0; i--) {
                    b.put((byte) (value >>> (8 * i)));
                }
            }
        }
        b.putShort(start + 2, (short) (b.position() - start));
    }
}
