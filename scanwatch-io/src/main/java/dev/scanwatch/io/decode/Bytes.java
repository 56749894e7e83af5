package dev.scanwatch.io.decode;

import java.nio.ByteBuffer;

/** Unsigned network-order reads from a big-endian buffer, by absolute index. */
final class Bytes {

    private Bytes() {
    }

    static int u8(ByteBuffer buf, int index) {
        return buf.get(index) & 0xFF;
    }

    static int u16(ByteBuffer buf, int index) {
        return buf.getShort(index) & 0xFFFF;
    }
}
