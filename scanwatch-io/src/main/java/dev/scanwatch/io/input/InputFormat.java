package dev.scanwatch.io.input;

import dev.scanwatch.io.flow.FlowFormat;

import java.util.ArrayList;
import java.util.List;

/**
 * What an input holds: a packet capture (pcap or pcapng, the container is told by its magic) or
 * one of the flow-log formats. Named by the user with {@code --format}, or recognised.
 *
 * @param flow the flow format, or null for a capture
 */
public record InputFormat(FlowFormat flow) {

    public static final InputFormat CAPTURE = new InputFormat(null);
    private static final List<String> CAPTURE_NAMES = List.of("pcap", "pcapng", "capture");

    public boolean isCapture() {
        return flow == null;
    }

    /** "pcap", "pcapng" and "capture" name a capture; the flow labels ("zeek-conn", ...) a flow log. */
    public static InputFormat byName(String name) {
        if (CAPTURE_NAMES.contains(name)) {
            return CAPTURE;
        }
        try {
            return new InputFormat(FlowFormat.byLabel(name));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown format '" + name + "' (known: " + String.join(", ", names()) + ")");
        }
    }

    public static List<String> names() {
        List<String> out = new ArrayList<>(CAPTURE_NAMES);
        for (FlowFormat f : FlowFormat.values()) {
            out.add(f.label());
        }
        return out;
    }

    @Override
    public String toString() {
        return isCapture() ? "capture" : flow.label();
    }
}
