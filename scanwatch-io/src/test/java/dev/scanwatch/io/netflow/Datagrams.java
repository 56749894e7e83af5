package dev.scanwatch.io.netflow;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/** Builds export datagrams byte by byte for tests. */
final class Datagrams {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Datagrams u8(int v) {
        out.write(v & 0xFF);
        return this;
    }

    Datagrams u16(int v) {
        return u8(v >>> 8).u8(v);
    }

    Datagrams u32(long v) {
        return u16((int) (v >>> 16)).u16((int) v);
    }

    Datagrams u64(long v) {
        return u32(v >>> 32).u32(v);
    }

    Datagrams ip(int a, int b, int c, int d) {
        return u8(a).u8(b).u8(c).u8(d);
    }

    Datagrams bytes(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    int size() {
        return out.size();
    }

    byte[] toArray() {
        return out.toByteArray();
    }

    ByteBuffer buffer() {
        return ByteBuffer.wrap(toArray());
    }

    /** A set: id, length (header included), body. */
    static byte[] set(int id, byte[] body) {
        return new Datagrams().u16(id).u16(body.length + 4).bytes(body).toArray();
    }

    static byte[] v9(long uptime, long unixSecs, long sourceId, byte[]... sets) {
        Datagrams d = new Datagrams().u16(9).u16(sets.length).u32(uptime).u32(unixSecs).u32(1).u32(sourceId);
        for (byte[] s : sets) {
            d.bytes(s);
        }
        return d.toArray();
    }

    static byte[] ipfix(long exportSecs, long domain, byte[]... sets) {
        int length = 16;
        for (byte[] s : sets) {
            length += s.length;
        }
        Datagrams d = new Datagrams().u16(10).u16(length).u32(exportSecs).u32(1).u32(domain);
        for (byte[] s : sets) {
            d.bytes(s);
        }
        return d.toArray();
    }
}
