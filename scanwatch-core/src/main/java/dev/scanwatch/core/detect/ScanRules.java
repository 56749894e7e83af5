package dev.scanwatch.core.detect;

import dev.scanwatch.core.model.Attempt;
import dev.scanwatch.core.model.ScanKind;

/** The decisions made on a source's evidence: when it fires, what kind of scan it is, its level. */
final class ScanRules {

    private ScanRules() {
    }

    /**
     * Whether the sequential test has decided "scanner", or the port or host this attempt
     * touched crossed a threshold: either enough failures on their own (Zeek's rule), or enough
     * distinct targets of which a large share failed (a scan of a host with many open ports, a
     * sweep where half the hosts answer).
     *
     * @param host where the source's tables file the attempt's destination ({@link SourceActivity#hostOf})
     */
    static boolean thresholdReached(SourceActivity s, Attempt a, long host, DetectorConfig config) {
        int port = a.port();
        boolean outbound = s.srcHome && !config.homeNets().contains(a.dst());
        return (config.sequentialEnabled() && s.sequentialVerdict)
               || crossed(s.failuresOn(port), s.hostsOn(port),
                          outbound ? config.outboundSweepMinHosts() : config.sweepMinHosts(), config)
               || crossed(s.failuresOnHost(host), s.portsOn(host),
                          outbound ? config.outboundScanMinPorts() : config.scanMinPorts(), config)
               || s.gridHosts >= config.blockscanMinHosts();
    }

    private static boolean crossed(int failures, int distinct, int threshold, DetectorConfig config) {
        return failures >= threshold || (distinct >= threshold && failures >= config.minFailureShare() * distinct);
    }

    /**
     * The shape of a source's failures: a few ports is a sweep; one host probed deeply (with
     * at most stray failures elsewhere) a scan; many ports over many hosts a block scan.
     */
    static ScanKind kindOf(SourceActivity s, DetectorConfig config) {
        if (s.failedHosts() == 1 && s.failedPorts() > 1) {
            return ScanKind.PORTSCAN;
        }
        if (s.failedPorts() <= config.sweepMaxPorts()) {
            return ScanKind.PORTSWEEP;
        }
        if (s.gridHosts >= config.blockscanMinHosts()) {
            return ScanKind.BLOCKSCAN;
        }
        if (s.deepestScan < config.scanMinPorts() && s.widestSweep >= config.sweepMinHosts()) {
            return ScanKind.BLOCKSCAN; // several ports swept over many hosts, none scanned deeply
        }
        return ScanKind.PORTSCAN;
    }

    /** The first escalation level above an attempt count, or Long.MAX_VALUE past the last. */
    static long nextLevel(long attempts, DetectorConfig config) {
        for (int level : config.escalationLevels()) {
            if (level > attempts) {
                return level;
            }
        }
        return Long.MAX_VALUE;
    }

    /** How many escalation levels an attempt count has passed. */
    static int levelIndex(long attempts, DetectorConfig config) {
        int index = 0;
        for (int level : config.escalationLevels()) {
            if (attempts >= level) {
                index++;
            }
        }
        return index;
    }
}
