package dev.scanwatch.core.pipeline;

import dev.scanwatch.core.alert.AlertListener;
import dev.scanwatch.core.detect.DetectorConfig;
import dev.scanwatch.core.detect.ScanDetector;
import dev.scanwatch.core.alert.AlertIds;
import dev.scanwatch.core.distributed.DistributedScanCorrelator;
import dev.scanwatch.core.distributed.DistributedScanDetector;
import dev.scanwatch.core.model.Attempt;
import dev.scanwatch.core.packet.Packet;
import dev.scanwatch.core.track.ConnectionTracker;
import dev.scanwatch.core.track.FirstContactFilter;
import dev.scanwatch.core.track.TrackerConfig;
import dev.scanwatch.core.track.TrackerStats;

/**
 * The detection core end to end: packets (or attempts from flow records) in, alerts out.
 * Single-threaded and driven by event time only, so the same input gives the same alerts
 * whether it is read from a file, a live interface or a Flink partition.
 */
public final class Pipeline {

    private final ConnectionTracker tracker;
    private final ScanDetector detector;
    private final DistributedScanCorrelator decoys;
    private final DistributedScanDetector distributed;
    private final FirstContactFilter firstContacts;

    public Pipeline(TrackerConfig trackerConfig, DetectorConfig detectorConfig, AlertListener alerts) {
        AlertIds ids = new AlertIds();
        this.decoys = new DistributedScanCorrelator(alerts, detectorConfig.maxListedPorts());
        this.detector = new ScanDetector(detectorConfig, decoys, ids);
        this.distributed = new DistributedScanDetector(alerts, detector::hasFired, detectorConfig.sourceIdle(),
                detectorConfig.maxListedPorts(), detectorConfig.homeNets(), ids, detectorConfig.maxTargets());
        this.tracker = new ConnectionTracker(trackerConfig, this::detect);
        this.firstContacts = new FirstContactFilter(trackerConfig, this::detect);
    }

    private void detect(Attempt attempt) {
        detector.onAttempt(attempt);
        distributed.onAttempt(attempt);
    }

    public void onPacket(Packet packet) {
        tracker.onPacket(packet);
        advanceDetectors();
    }

    /**
     * For inputs that already are attempts (flow records): repeats of a first contact are
     * dropped as the tracker drops them for packets, and time advances as with packets.
     */
    public void onAttempt(Attempt attempt) {
        tracker.advanceTo(attempt.timeNanos());
        firstContacts.onAttempt(attempt);
        advanceDetectors();
    }

    /**
     * Event time moved on without input (a live collector whose exporters went quiet): probes
     * time out and idle alerts close as they would have at the next record. The caller decides what
     * event time it is; the core never reads a clock.
     */
    public void advanceTo(long eventNanos) {
        tracker.advanceTo(eventNanos);
        advanceDetectors();
    }

    private void advanceDetectors() {
        long now = tracker.now();
        detector.advanceTo(now);
        distributed.advanceTo(now);
        decoys.advanceTo(now);
    }

    /** End of input: pending probes resolve, then every open alert closes with its final state. */
    public void finish() {
        tracker.finish();
        // The distributed detector first: it asks the per-source one which sources have alerts.
        distributed.finish();
        detector.finish();
        decoys.finish();
    }

    public TrackerStats trackerStats() {
        return tracker.stats();
    }

    /** The detector's own counters, one line. */
    public String describeDetector() {
        return "repeated_flow_contacts=" + firstContacts.repeats() + " allowlisted_attempts=" + detector.allowlisted() + " evictions=" + detector.evictions()
               + " slow_evictions=" + detector.slowEvictions() + " target_evictions=" + distributed.evictions()
               + " peak_state_bytes=" + detector.peakStateBytes() + " peak_sources=" + detector.peakSources();
    }
}
