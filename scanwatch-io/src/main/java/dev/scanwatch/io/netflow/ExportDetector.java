package dev.scanwatch.io.netflow;

import dev.scanwatch.core.packet.Packet;
import dev.scanwatch.io.capture.PacketHandler;
import dev.scanwatch.io.capture.UdpPayloadHandler;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides while a capture is read whether it holds flow export, and routes its packets: the rule
 * is that one of its first {@value #UDP_PACKETS_LOOKED_AT} UDP packets, among its first
 * {@value #PACKETS_LOOKED_AT} packets, goes to an export port and starts with a valid NetFlow,
 * IPFIX or sFlow header ({@link ExportHeaders}). With named export ports (--netflow-port) it is
 * export from the start.
 *
 * <p>Export and plain reading differ only for UDP datagrams to export ports. So packets pass on at
 * once until such a datagram comes undecided; from then until the decision, packets are copied
 * and held, and replayed in order once it is made. The detectors see the same packets in the same
 * order as if the decision had been known from the first byte, and a capture without traffic to
 * an export port never waits: a live capture on stdin gets its first alert without first filling
 * a look-ahead buffer.
 */
public final class ExportDetector implements UdpPayloadHandler {

    static final int UDP_PACKETS_LOOKED_AT = 64;
    static final int PACKETS_LOOKED_AT = 1024;

    private enum Mode { UNDECIDED, PACKETS, EXPORT }

    /** A packet held until the decision, with its UDP payload when it went to an export port (only those are decoded). */
    private record Held(Packet packet, byte[] udpPayload) {
    }

    private final PacketHandler packets;
    private final ExportPorts ports;
    private final UdpPayloadHandler export;
    private final List<Held> held = new ArrayList<>();
    private Mode mode;
    private int packetsSeen;
    private int udpSeen;

    /**
     * @param packets where packets go (in both modes, all but export datagrams)
     * @param export  the export reading ({@link ExportCaptureHandler}): datagrams to export ports
     *                decoded, other packets to {@code packets}
     */
    public ExportDetector(PacketHandler packets, ExportPorts ports, UdpPayloadHandler export) {
        this.packets = packets;
        this.ports = ports;
        this.export = export;
        this.mode = ports.explicit() ? Mode.EXPORT : Mode.UNDECIDED;
    }

    /** Whether the capture was read as export (known for sure after {@link #finish()}). */
    public boolean isExport() {
        return mode == Mode.EXPORT;
    }

    @Override
    public void onPacket(Packet packet) {
        if (mode != Mode.UNDECIDED) {
            packets.onPacket(packet); // the same in both modes
            return;
        }
        packetsSeen++;
        passOrHold(packet);
        decideIfLookedEnough();
    }

    @Override
    public void onUdpPacket(Packet packet, ByteBuffer buf, int offset, int length) {
        switch (mode) {
            case EXPORT -> export.onUdpPacket(packet, buf, offset, length);
            case PACKETS -> packets.onPacket(packet);
            default -> undecided(packet, buf, offset, length);
        }
    }

    /** End of input: a decision still open is "not export". */
    public void finish() {
        if (mode == Mode.UNDECIDED) {
            decide(Mode.PACKETS);
        }
    }

    private void undecided(Packet packet, ByteBuffer buf, int offset, int length) {
        packetsSeen++;
        udpSeen++;
        boolean toExportPort = ports.contains(packet.dstPort);
        if (toExportPort && ExportHeaders.looksLikeExport(buf, offset, length)) {
            decide(Mode.EXPORT);
            export.onUdpPacket(packet, buf, offset, length);
            return;
        }
        if (toExportPort) {
            byte[] payload = new byte[length];
            buf.get(offset, payload);
            held.add(new Held(packet.copy(), payload));
        } else {
            passOrHold(packet);
        }
        decideIfLookedEnough();
    }

    /** A packet no export datagram waits before goes on at once; behind one, it waits its turn. */
    private void passOrHold(Packet packet) {
        if (held.isEmpty()) {
            packets.onPacket(packet);
        } else {
            held.add(new Held(packet.copy(), null));
        }
    }

    private void decideIfLookedEnough() {
        if (udpSeen >= UDP_PACKETS_LOOKED_AT || packetsSeen >= PACKETS_LOOKED_AT) {
            decide(Mode.PACKETS);
        }
    }

    private void decide(Mode decided) {
        mode = decided;
        for (Held h : held) {
            if (decided == Mode.EXPORT && h.udpPayload() != null) {
                export.onUdpPacket(h.packet(), ByteBuffer.wrap(h.udpPayload()), 0, h.udpPayload().length);
            } else {
                packets.onPacket(h.packet());
            }
        }
        held.clear();
    }
}
