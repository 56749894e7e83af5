package dev.scanwatch.io.capture;

import dev.scanwatch.core.packet.Packet;

/** Receives each decoded IP packet; the instance is reused for the next one. */
@FunctionalInterface
public interface PacketHandler {
    void onPacket(Packet packet);
}
