package dev.scanwatch.io.netflow;

import dev.scanwatch.core.packet.Packet;
import dev.scanwatch.io.capture.PacketHandler;
import dev.scanwatch.io.capture.UdpPayloadHandler;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ExportDetectorTest {

    private static final int EXPORT_PORT = 2055;
    private static final byte[] VALID = Datagrams.v9(1000, 1_700_000_000L, 1,
            Datagrams.set(0, new Datagrams().u16(256).u16(1).u16(8).u16(4).toArray()));
    private static final byte[] INVALID = new byte[] {0, 42, 0, 0, 0, 0, 0, 0};

    /** What reached the handlers, in order: "packet T" or "export T" (T the packet's time). */
    private final List<String> seen = new ArrayList<>();
    private final PacketHandler packets = p -> seen.add("packet " + p.timeNanos);
    /** The payloads that reached the export reading, in order. */
    private final List<byte[]> exported = new ArrayList<>();
    /** Plays the export reading: datagrams to export ports decoded, other packets passed on. */
    private final UdpPayloadHandler exportReading = new UdpPayloadHandler() {
        @Override
        public void onPacket(Packet p) {
            seen.add("packet " + p.timeNanos);
        }

        @Override
        public void onUdpPacket(Packet p, ByteBuffer buf, int offset, int length) {
            seen.add((p.dstPort == EXPORT_PORT ? "export " : "packet ") + p.timeNanos);
            if (p.dstPort == EXPORT_PORT) {
                exported.add(Arrays.copyOfRange(buf.array(), buf.arrayOffset() + offset, buf.arrayOffset() + offset + length));
            }
        }
    };
    private final Packet flyweight = new Packet();

    private ExportDetector detector(ExportPorts ports) {
        return new ExportDetector(packets, ports, exportReading);
    }

    private void tcp(ExportDetector d, long t) {
        flyweight.clear();
        flyweight.timeNanos = t;
        flyweight.protocol = Packet.PROTO_TCP;
        flyweight.dstPort = 80;
        d.onPacket(flyweight);
    }

    private void udp(ExportDetector d, long t, int dstPort, byte[] payload) {
        flyweight.clear();
        flyweight.timeNanos = t;
        flyweight.protocol = Packet.PROTO_UDP;
        flyweight.dstPort = dstPort;
        byte[] frame = new byte[payload.length + 10]; // the payload sits inside a larger buffer
        System.arraycopy(payload, 0, frame, 10, payload.length);
        d.onUdpPacket(flyweight, ByteBuffer.wrap(frame), 10, payload.length);
        flyweight.clear(); // the reader reuses both at once
        Arrays.fill(frame, (byte) 0);
    }

    @Test
    void withoutTrafficToExportPortsEveryPacketPassesAtOnce() {
        ExportDetector d = detector(ExportPorts.known());
        for (int t = 1; t <= 200; t++) {
            if (t % 3 == 0) {
                udp(d, t, 53, INVALID);
            } else {
                tcp(d, t);
            }
            assertThat(seen).as("after packet %d", t).hasSize(t);
        }
        d.finish();
        assertThat(d.isExport()).isFalse();
    }

    @Test
    void packetsAfterAnUndecidedExportDatagramWaitAndKeepTheirOrder() {
        ExportDetector d = detector(ExportPorts.known());
        tcp(d, 1);
        udp(d, 2, EXPORT_PORT, INVALID);
        tcp(d, 3);
        udp(d, 4, 53, INVALID);
        assertThat(seen).containsExactly("packet 1");
        udp(d, 5, EXPORT_PORT, VALID);
        tcp(d, 6);
        d.finish();
        assertThat(d.isExport()).isTrue();
        // As if the capture had been read as export from its first byte.
        assertThat(seen).containsExactly("packet 1", "export 2", "packet 3", "packet 4", "export 5", "packet 6");
        // The held datagram's own bytes, not the frame around them or the reader's reused buffer.
        assertThat(exported).containsExactly(INVALID, VALID);
    }

    @Test
    void noValidHeaderAmongTheFirst64UdpPacketsMeansPackets() {
        ExportDetector d = detector(ExportPorts.known());
        udp(d, 1, EXPORT_PORT, INVALID);
        for (int t = 2; t <= 63; t++) {
            udp(d, t, 53, INVALID);
        }
        assertThat(seen).isEmpty();
        udp(d, 64, 53, INVALID);
        assertThat(seen).hasSize(64).allMatch(s -> s.startsWith("packet ")).first().isEqualTo("packet 1");
        udp(d, 65, EXPORT_PORT, VALID); // too late to count
        d.finish();
        assertThat(d.isExport()).isFalse();
        assertThat(seen).last().isEqualTo("packet 65");
    }

    @Test
    void theLookEndsAfter1024Packets() {
        ExportDetector d = detector(ExportPorts.known());
        udp(d, 1, EXPORT_PORT, INVALID);
        for (int t = 2; t <= 1023; t++) {
            tcp(d, t);
        }
        assertThat(seen).isEmpty();
        tcp(d, 1024);
        assertThat(seen).hasSize(1024);
        udp(d, 1025, EXPORT_PORT, VALID);
        d.finish();
        assertThat(d.isExport()).isFalse();
    }

    @Test
    void anOpenDecisionAtTheEndIsPacketsAndNothingIsLost() {
        ExportDetector d = detector(ExportPorts.known());
        udp(d, 1, EXPORT_PORT, INVALID);
        tcp(d, 2);
        d.finish();
        assertThat(d.isExport()).isFalse();
        assertThat(seen).containsExactly("packet 1", "packet 2");
    }

    @Test
    void namedExportPortsAreExportFromTheStart() {
        ExportDetector d = detector(ExportPorts.withExtra(Set.of(2057)));
        udp(d, 1, EXPORT_PORT, INVALID);
        tcp(d, 2);
        assertThat(seen).containsExactly("export 1", "packet 2");
        assertThat(d.isExport()).isTrue();
    }
}
