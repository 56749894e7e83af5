package dev.scanwatch.io.decode;

/**
 * Where the captured payload of the last decoded UDP packet lies in the frame buffer: reused, so
 * a capture reader can hand NetFlow/IPFIX export datagrams to their decoder without copying.
 * {@link #offset()} is -1 when the frame was no UDP packet.
 */
public final class PayloadSpan {

    private int offset = -1;
    private int length;

    void set(int offset, int length) {
        this.offset = offset;
        this.length = length;
    }

    void clear() {
        offset = -1;
        length = 0;
    }

    /** Absolute index of the first payload byte in the frame buffer, or -1. */
    public int offset() {
        return offset;
    }

    /** Captured payload bytes (fewer than the UDP length says when the snap length cut it). */
    public int length() {
        return length;
    }

    public boolean isSet() {
        return offset >= 0;
    }
}
