package dev.scanwatch.core.pipeline;

import dev.scanwatch.core.alert.AlertIds;
import dev.scanwatch.core.alert.AlertListener;
import dev.scanwatch.core.detect.DetectorConfig;
import dev.scanwatch.core.detect.ScanDetector;
import dev.scanwatch.core.distributed.DistributedScanCorrelator;
import dev.scanwatch.core.distributed.DistributedScanDetector;
import dev.scanwatch.core.model.Attempt;

/**
 * The detectors wired together: per source (sweeps, port and block scans), per target
 * (distributed scans) and the decoy correlator over the closed alerts of both.
 */
public final class Detectors implements Detection {

    private final ScanDetector detector;
    private final DistributedScanCorrelator decoys;
    private final DistributedScanDetector distributed;

    public Detectors(DetectorConfig config, AlertListener alerts) {
        AlertIds ids = new AlertIds();
        this.decoys = new DistributedScanCorrelator(alerts, config.maxListedPorts());
        this.detector = new ScanDetector(config, decoys, ids);
        this.distributed = new DistributedScanDetector(alerts, detector::hasFired, config.sourceIdle(),
                config.maxListedPorts(), config.homeNets(), ids, config.maxTargets());
    }

    @Override
    public void onAttempt(Attempt attempt) {
        detector.onAttempt(attempt);
        distributed.onAttempt(attempt);
    }

    @Override
    public void advanceTo(long nanos) {
        detector.advanceTo(nanos);
        distributed.advanceTo(nanos);
        decoys.advanceTo(nanos);
    }

    @Override
    public void finish() {
        // The distributed detector first: it asks the per-source one which sources have alerts.
        distributed.finish();
        detector.finish();
        decoys.finish();
    }

    @Override
    public String describe() {
        return "allowlisted_attempts=" + detector.allowlisted() + " evictions=" + detector.evictions()
               + " slow_evictions=" + detector.slowEvictions() + " target_evictions=" + distributed.evictions()
               + " target_attempts_of_sources_not_kept=" + distributed.sourcesNotKept()
               + " target_attempts_of_scanners_not_remembered=" + distributed.ownAlertSourcesNotRemembered()
               + " peak_state_bytes=" + detector.peakStateBytes() + " peak_sources=" + detector.peakSources();
    }
}
