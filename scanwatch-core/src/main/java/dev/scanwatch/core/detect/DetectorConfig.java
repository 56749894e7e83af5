package dev.scanwatch.core.detect;

import dev.scanwatch.core.net.CidrSet;

import java.time.Duration;
import java.util.List;

/**
 * Tunables of the scan detectors, each named with its default and why, like Zeek's scan.zeek.
 * Only failed first contacts (closed, filtered, unknown) count towards the thresholds, as in
 * Zeek: a client whose contacts succeed (FTP data, browsing, P2P peers that answer) is not
 * scanning, however many hosts or ports it reaches.
 *
 * @param sweepMinHosts      a source fires as a sweep when one port has failed on this many
 *                           distinct hosts. Zeek uses 25; 20 catches the 24-host sweeps of the
 *                           abuse reports operators receive.
 * @param scanMinPorts       a source fires as a scan when one host has failed on this many
 *                           distinct ports: Zeek's 15. No benign client dials 15 closed ports.
 * @param blockscanMinPairs  a source fires as a block scan when this many distinct failed
 *                           (host, port) pairs span at least {@code blockscanMinHosts} hosts and
 *                           as many ports, although no single port or host reached the above.
 * @param blockscanMinHosts  see blockscanMinPairs; also the least hosts for the kind "blockscan".
 * @param sweepMaxPorts      a scan touching at most this many ports is a sweep ("one port or a
 *                           few"): masscan's -p21,22,23,80,8000 over a /8 is still a sweep.
 * @param sourceIdle         a source's activity (and its alert) is closed after this long with no
 *                           new attempt. Expiry by idleness, not tumbling windows, so a scan that
 *                           straddles a window edge is seen whole; 5 minutes is Zeek's interval.
 * @param escalationLevels   attempt counts at which an open alert is updated and its severity
 *                           raised (below the second level: low; below the third: medium).
 * @param maxListedPorts     ports listed in an alert; beyond it {@code port_count} gives the total.
 * @param homeNets           home networks, which decide each alert's direction.
 */
public record DetectorConfig(int sweepMinHosts, int scanMinPorts, int blockscanMinPairs, int blockscanMinHosts,
                             int sweepMaxPorts, Duration sourceIdle, List<Integer> escalationLevels,
                             int maxListedPorts, CidrSet homeNets) {

    public static final int DEFAULT_SWEEP_MIN_HOSTS = 20;
    public static final int DEFAULT_SCAN_MIN_PORTS = 15;
    public static final int DEFAULT_BLOCKSCAN_MIN_PAIRS = 60;
    public static final int DEFAULT_BLOCKSCAN_MIN_HOSTS = 4;
    public static final int DEFAULT_SWEEP_MAX_PORTS = 5;
    public static final Duration DEFAULT_SOURCE_IDLE = Duration.ofMinutes(5);
    public static final List<Integer> DEFAULT_ESCALATION_LEVELS = List.of(20, 100, 1000);
    public static final int DEFAULT_MAX_LISTED_PORTS = 1024;
    /** RFC 1918, carrier-grade NAT (RFC 6598) and IPv6 unique-local addresses. */
    public static final List<String> DEFAULT_HOME_NETS =
            List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "fc00::/7");

    public DetectorConfig {
        requirePositive(sweepMinHosts, "sweep minimum hosts");
        requirePositive(scanMinPorts, "scan minimum ports");
        requirePositive(blockscanMinPairs, "block scan minimum pairs");
        requirePositive(blockscanMinHosts, "block scan minimum hosts");
        requirePositive(sweepMaxPorts, "sweep maximum ports");
        requirePositive(maxListedPorts, "maximum listed ports");
        if (sourceIdle.isNegative() || sourceIdle.isZero()) {
            throw new IllegalArgumentException("source idle time must be positive");
        }
        escalationLevels = List.copyOf(escalationLevels);
        for (int i = 1; i < escalationLevels.size(); i++) {
            if (escalationLevels.get(i) <= escalationLevels.get(i - 1)) {
                throw new IllegalArgumentException("escalation levels must increase: " + escalationLevels);
            }
        }
    }

    private static void requirePositive(int value, String what) {
        if (value < 1) {
            throw new IllegalArgumentException(what + " must be positive, not " + value);
        }
    }

    public static DetectorConfig defaults() {
        return new DetectorConfig(DEFAULT_SWEEP_MIN_HOSTS, DEFAULT_SCAN_MIN_PORTS, DEFAULT_BLOCKSCAN_MIN_PAIRS,
                DEFAULT_BLOCKSCAN_MIN_HOSTS, DEFAULT_SWEEP_MAX_PORTS, DEFAULT_SOURCE_IDLE,
                DEFAULT_ESCALATION_LEVELS, DEFAULT_MAX_LISTED_PORTS, CidrSet.parse(DEFAULT_HOME_NETS));
    }

    public DetectorConfig withHomeNets(CidrSet home) {
        return new DetectorConfig(sweepMinHosts, scanMinPorts, blockscanMinPairs, blockscanMinHosts, sweepMaxPorts,
                sourceIdle, escalationLevels, maxListedPorts, home);
    }
}
