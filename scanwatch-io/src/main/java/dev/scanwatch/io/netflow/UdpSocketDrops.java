package dev.scanwatch.io.netflow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Datagrams the kernel dropped for a UDP socket (receive buffer full): the {@code drops} column of
 * Linux's /proc/net/udp or udp6, found by the socket's local port. -1 when not known (another OS,
 * no such row, or several sockets on that port).
 */
final class UdpSocketDrops {

    static final long UNKNOWN = -1;
    private static final Path UDP = Path.of("/proc/net/udp");
    private static final Path UDP6 = Path.of("/proc/net/udp6");
    private static final int LOCAL_ADDRESS = 1;
    private static final int DROPS = 12;

    private UdpSocketDrops() {
    }

    static long read(int localPort, boolean v6) {
        return read(v6 ? UDP6 : UDP, localPort);
    }

    static long read(Path table, int localPort) {
        List<String> lines;
        try {
            lines = Files.readAllLines(table);
        } catch (IOException | SecurityException e) {
            return UNKNOWN;
        }
        return parse(lines, localPort);
    }

    /** The drops of the one socket bound to {@code localPort}; header line first, as the kernel writes it. */
    static long parse(List<String> lines, int localPort) {
        String port = String.format(Locale.ROOT, ":%04X", localPort);
        long found = UNKNOWN;
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).trim().split("\\s+");
            if (f.length <= DROPS || !f[LOCAL_ADDRESS].toUpperCase(Locale.ROOT).endsWith(port)) {
                continue;
            }
            if (found != UNKNOWN) {
                return UNKNOWN; // SO_REUSEPORT or another family: cannot tell which is ours
            }
            try {
                found = Long.parseLong(f[DROPS], 10);
            } catch (NumberFormatException e) {
                return UNKNOWN;
            }
        }
        return found;
    }
}
