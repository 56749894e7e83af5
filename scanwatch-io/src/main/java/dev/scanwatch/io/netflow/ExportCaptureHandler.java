package dev.scanwatch.io.netflow;

import dev.scanwatch.core.net.IpAddress;
import dev.scanwatch.core.packet.Packet;
import dev.scanwatch.io.capture.PacketHandler;
import dev.scanwatch.io.capture.UdpPayloadHandler;

import java.nio.ByteBuffer;

/**
 * Reads a capture of flow export: UDP datagrams to an export port go to the decoder (exporter =
 * the packet's source address), every other packet to the packet handler as usual. Allocation-free
 * per packet except when the exporter changes.
 */
public final class ExportCaptureHandler implements UdpPayloadHandler {

    private final PacketHandler packets;
    private final ExportPorts ports;
    private final NetflowDecoder decoder;
    private IpAddress exporter;

    public ExportCaptureHandler(PacketHandler packets, ExportPorts ports, NetflowDecoder decoder) {
        this.packets = packets;
        this.ports = ports;
        this.decoder = decoder;
    }

    @Override
    public void onPacket(Packet packet) {
        packets.onPacket(packet);
    }

    @Override
    public void onUdpPacket(Packet packet, ByteBuffer buf, int offset, int length) {
        if (!ports.contains(packet.dstPort)) {
            packets.onPacket(packet);
            return;
        }
        IpAddress e = exporter;
        if (e == null || e.hi() != packet.srcHi || e.lo() != packet.srcLo) {
            e = new IpAddress(packet.srcHi, packet.srcLo);
            exporter = e;
        }
        decoder.decode(e, buf, offset, length);
    }
}
