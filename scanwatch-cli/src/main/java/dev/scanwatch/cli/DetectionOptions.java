package dev.scanwatch.cli;

import dev.scanwatch.cli.config.ConfigBuilders;
import dev.scanwatch.cli.config.ConfigException;
import dev.scanwatch.core.detect.DetectorConfig;
import dev.scanwatch.core.net.CidrSet;
import dev.scanwatch.core.track.TrackerConfig;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The detection settings every command that analyses shares: the tracker's ({@link TrackerOptions})
 * and the detectors'. Defaults, then {@code --config}, then the flags given on the command line
 * (a flag left out does not override the file).
 */
final class DetectionOptions {

    /** Both halves of a configuration, validated. */
    record Configs(TrackerConfig tracker, DetectorConfig detector) {
    }

    @Mixin
    TrackerOptions tracker = new TrackerOptions();

    @Option(names = "--home-net", paramLabel = "CIDR", description = "Home network (repeatable, or comma "
            + "separated); decides each alert's direction. Default: RFC 1918, 100.64.0.0/10, fc00::/7.")
    List<String> homeNets = new ArrayList<>();

    @Option(names = "--sweep-min-hosts", paramLabel = "N", description = "Fire a sweep when one port failed on "
            + "N hosts (default: " + DetectorConfig.DEFAULT_SWEEP_MIN_HOSTS + ").")
    Integer sweepMinHosts;

    @Option(names = "--scan-min-ports", paramLabel = "N", description = "Fire a scan when one host failed on N "
            + "ports (default: " + DetectorConfig.DEFAULT_SCAN_MIN_PORTS + ").")
    Integer scanMinPorts;

    @Option(names = "--blockscan-min-hosts", paramLabel = "N", description = "Fire a block scan when N hosts "
            + "each failed on --blockscan-min-host-ports ports (default: " + DetectorConfig.DEFAULT_BLOCKSCAN_MIN_HOSTS
            + ").")
    Integer blockscanMinHosts;

    @Option(names = "--blockscan-min-host-ports", paramLabel = "N", description = "See --blockscan-min-hosts "
            + "(default: " + DetectorConfig.DEFAULT_BLOCKSCAN_MIN_HOST_PORTS + ").")
    Integer blockscanMinHostPorts;

    @Option(names = "--source-idle", paramLabel = "SECONDS", description = "Close a source's alert after this "
            + "long without attempts (default: " + 300 + ").")
    Long sourceIdleSeconds;

    @Option(names = "--no-sequential-test", description = "Fire on the count thresholds only, like Zeek's scan "
            + "script, not on the sequential test (TRW).")
    boolean noSequentialTest;

    /** @throws IllegalArgumentException or ConfigException with a message for the user */
    Configs build() throws ConfigException {
        ConfigBuilders b = tracker.builders();
        DetectorConfig.Builder d = b.detector();
        if (!homeNets.isEmpty()) {
            d.homeNets(CidrSet.parse(homeNets));
        }
        if (sweepMinHosts != null) {
            d.sweepMinHosts(sweepMinHosts);
        }
        if (scanMinPorts != null) {
            d.scanMinPorts(scanMinPorts);
        }
        if (blockscanMinHosts != null) {
            d.blockscanMinHosts(blockscanMinHosts);
        }
        if (blockscanMinHostPorts != null) {
            d.blockscanMinHostPorts(blockscanMinHostPorts);
        }
        if (sourceIdleSeconds != null) {
            d.sourceIdle(Duration.ofSeconds(sourceIdleSeconds));
        }
        if (noSequentialTest) {
            d.sequentialEnabled(false);
        }
        return new Configs(b.tracker(), b.detectorConfig());
    }
}
