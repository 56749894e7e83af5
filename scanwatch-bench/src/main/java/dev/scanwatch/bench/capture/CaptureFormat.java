package dev.scanwatch.bench.capture;

import java.util.Locale;

/**
 * The file formats the generator writes: classic pcap (what tcpdump writes) and pcapng (what
 * Wireshark and dumpcap write), both Ethernet with microsecond timestamps, so the same packets
 * can be timed through either reader.
 */
public enum CaptureFormat {
    PCAP(".pcap"),
    PCAPNG(".pcapng");

    private final String suffix;

    CaptureFormat(String suffix) {
        this.suffix = suffix;
    }

    /** The usual file name suffix. */
    public String suffix() {
        return suffix;
    }

    /** {@code pcap} or {@code pcapng}, as on a command line; null for anything else. */
    public static CaptureFormat ofOption(String name) {
        for (CaptureFormat f : values()) {
            if (f.name().toLowerCase(Locale.ROOT).equals(name)) {
                return f;
            }
        }
        return null;
    }
}
