package dev.scanwatch.bench.capture;

/** Constants of the classic libpcap file format that the generator writes and the trace loader reads. */
final class PcapFormat {

    static final int MAGIC_MICROS = 0xA1B2C3D4;
    static final int MAGIC_NANOS = 0xA1B23C4D;
    static final int FILE_HEADER = 24;
    static final int RECORD_HEADER = 16;
    static final int VERSION_MAJOR = 2;
    static final int VERSION_MINOR = 4;
    /** libpcap's own ceiling; every frame we write is far shorter. */
    static final int SNAPLEN = 262_144;
    static final int LINKTYPE_ETHERNET = 1;
    static final int LINKTYPE_FIELD = 20;
    static final long NANOS_PER_SECOND = 1_000_000_000L;
    static final long NANOS_PER_MICRO = 1_000L;

    private PcapFormat() {
    }
}
