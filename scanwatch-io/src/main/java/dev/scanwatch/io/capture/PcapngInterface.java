package dev.scanwatch.io.capture;

/** What an Interface Description Block says about the packets that name it. */
final class PcapngInterface {

    final int linkType;
    /** 0 means unlimited. */
    final long snaplen;
    final TimeScale time;

    PcapngInterface(int linkType, long snaplen, TimeScale time) {
        this.linkType = linkType;
        this.snaplen = snaplen;
        this.time = time;
    }
}
