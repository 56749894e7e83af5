package dev.scanwatch.io.capture;

import dev.scanwatch.core.packet.Packet;

import java.nio.ByteBuffer;

/**
 * A {@link PacketHandler} that also wants the payload bytes of UDP packets (NetFlow/IPFIX export
 * datagrams inside a capture). The capture reader calls {@link #onUdpPacket} instead of
 * {@link #onPacket} for every decoded UDP packet; the handler forwards the ones it does not want.
 */
public interface UdpPayloadHandler extends PacketHandler {

    /**
     * A decoded UDP packet whose captured payload is {@code buf[offset, offset + length)}. Both the
     * packet and the buffer are reused after the call returns: copy what must be kept.
     */
    void onUdpPacket(Packet packet, ByteBuffer buf, int offset, int length);
}
