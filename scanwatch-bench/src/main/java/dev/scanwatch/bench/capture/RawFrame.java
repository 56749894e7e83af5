package dev.scanwatch.bench.capture;

/**
 * One captured Ethernet frame of the base trace.
 *
 * @param timeNanos capture time, epoch nanoseconds
 * @param data      the captured bytes (never modified: the generator copies them before rewriting)
 * @param wireLength the original length on the wire, kept so tcpdump sees the same records
 */
public record RawFrame(long timeNanos, byte[] data, int wireLength) {
}
