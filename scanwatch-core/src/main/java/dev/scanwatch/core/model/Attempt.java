package dev.scanwatch.core.model;

import dev.scanwatch.core.net.IpAddress;

/**
 * One first contact of a source with (destination, protocol, port): the unit the detectors count.
 *
 * @param timeNanos event time of the first probe, epoch nanoseconds
 * @param port      destination port; the ICMP echo has 0; for {@link Protocol#IP} the protocol number
 * @param srcPort   the scanner's source port of the first probe (0 where there is none)
 */
public record Attempt(long timeNanos, IpAddress src, IpAddress dst, Protocol protocol, int port,
                      int srcPort, Technique technique, Outcome outcome) {
}
