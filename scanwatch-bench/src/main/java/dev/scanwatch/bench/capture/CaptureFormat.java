package dev.scanwatch.bench.capture;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The file formats the generator writes: classic pcap (what tcpdump writes) and pcapng (what
 * Wireshark and dumpcap write), both Ethernet with microsecond timestamps, so the same packets
 * can be timed through either reader.
 */
public enum CaptureFormat {
    PCAP,
    PCAPNG;

    /** {@code pcap} or {@code pcapng}, as on a command line. */
    public String optionName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The usual file name suffix. */
    public String suffix() {
        return "." + optionName();
    }

    /** Every option name, for usage lines: {@code pcap|pcapng}. */
    public static String optionNames() {
        return Arrays.stream(values()).map(CaptureFormat::optionName).collect(Collectors.joining("|"));
    }

    /** The format named on a command line ({@link #optionNames()}), or null for anything else. */
    public static CaptureFormat ofOption(String name) {
        for (CaptureFormat f : values()) {
            if (f.optionName().equals(name)) {
                return f;
            }
        }
        return null;
    }
}
