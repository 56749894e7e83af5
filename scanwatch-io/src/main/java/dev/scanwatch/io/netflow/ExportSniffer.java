package dev.scanwatch.io.netflow;

import dev.scanwatch.core.packet.Packet;
import dev.scanwatch.io.capture.CaptureReader;
import dev.scanwatch.io.capture.UdpPayloadHandler;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The recognition rule for export inside a capture: among the first {@value #UDP_PACKETS_LOOKED_AT}
 * UDP packets of the capture's first bytes (the reader's 64 KiB sniff), one goes to a well-known
 * export port and carries a valid NetFlow v5/v9, IPFIX or sFlow header. A cheap look at bytes
 * already read: nothing is read twice from the file.
 */
public final class ExportSniffer {

    static final int UDP_PACKETS_LOOKED_AT = 64;

    private ExportSniffer() {
    }

    /** Whether the (decompressed) start of a capture holds flow export to one of {@code ports}. */
    public static boolean holdsExport(byte[] head, ExportPorts ports) {
        Finder finder = new Finder(ports);
        try {
            CaptureReader.read("sniff", new ByteArrayInputStream(head), finder);
        } catch (IOException e) {
            return false; // an in-memory read fails only on a broken capture, which the real read reports
        }
        return finder.found;
    }

    private static final class Finder implements UdpPayloadHandler {
        private final ExportPorts ports;
        private int udpSeen;
        private boolean found;

        Finder(ExportPorts ports) {
            this.ports = ports;
        }

        @Override
        public void onPacket(Packet packet) {
            // not UDP: no bearing on the rule
        }

        @Override
        public void onUdpPacket(Packet packet, ByteBuffer buf, int offset, int length) {
            if (found || udpSeen >= UDP_PACKETS_LOOKED_AT) {
                return;
            }
            udpSeen++;
            if (ports.contains(packet.dstPort) && ExportHeaders.looksLikeExport(buf, offset, length)) {
                found = true;
            }
        }
    }
}
