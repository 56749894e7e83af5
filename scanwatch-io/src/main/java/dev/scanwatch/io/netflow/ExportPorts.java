package dev.scanwatch.io.netflow;

import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * UDP ports that carry flow export in a capture: the well-known ones (NetFlow 2055, 9995, 9996;
 * IPFIX 4739; sFlow 6343, counted and skipped) and any the user names with --netflow-port. When
 * the user names ports, the capture is read as export without looking for it first.
 */
public final class ExportPorts {

    public static final List<Integer> KNOWN = List.of(2055, 9995, 9996, 4739, 6343);
    private static final int PORTS = 1 << 16;

    private final boolean[] ports = new boolean[PORTS];
    private final boolean explicit;
    private final TreeSet<Integer> listed = new TreeSet<>(KNOWN);

    private ExportPorts(Collection<Integer> extra) {
        for (int p : KNOWN) {
            ports[p] = true;
        }
        for (int p : extra) {
            if (p < 1 || p >= PORTS) {
                throw new IllegalArgumentException("not a UDP port: " + p);
            }
            ports[p] = true;
            listed.add(p);
        }
        this.explicit = !extra.isEmpty();
    }

    /** The well-known ports only: export is looked for, not assumed. */
    public static ExportPorts known() {
        return new ExportPorts(List.of());
    }

    /** The well-known ports and these; the capture is taken for export when any are given. */
    public static ExportPorts withExtra(Collection<Integer> extra) {
        return new ExportPorts(extra);
    }

    public boolean contains(int port) {
        return port >= 0 && port < PORTS && ports[port];
    }

    /** True when the user named ports: read captures as export without recognising it first. */
    public boolean explicit() {
        return explicit;
    }

    @Override
    public String toString() {
        return listed.toString();
    }
}
