package dev.scanwatch.core.pipeline;

import dev.scanwatch.core.alert.AlertListener;
import dev.scanwatch.core.detect.DetectorConfig;
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
    private final Detection detection;
    private final FirstContactFilter firstContacts;

    public Pipeline(TrackerConfig trackerConfig, DetectorConfig detectorConfig, AlertListener alerts) {
        this(trackerConfig, new Detectors(detectorConfig, alerts));
    }

    /**
     * A pipeline whose detectors are {@code detection}: the calling thread's own
     * {@link Detectors}, or a stage that hands the same calls to another thread.
     */
    public Pipeline(TrackerConfig trackerConfig, Detection detection) {
        this.detection = detection;
        this.tracker = new ConnectionTracker(trackerConfig, detection);
        this.firstContacts = new FirstContactFilter(trackerConfig, detection);
    }

    public void onPacket(Packet packet) {
        tracker.onPacket(packet);
        detection.advanceTo(tracker.now());
    }

    /**
     * For inputs that already are attempts (flow records): repeats of a first contact are
     * dropped as the tracker drops them for packets, and time advances as with packets.
     */
    public void onAttempt(Attempt attempt) {
        tracker.advanceTo(attempt.timeNanos());
        firstContacts.onAttempt(attempt);
        detection.advanceTo(tracker.now());
    }

    /**
     * Event time moved on without input (a live collector whose exporters went quiet): probes
     * time out and idle alerts close as they would have at the next record. The caller decides what
     * event time it is; the core never reads a clock.
     */
    public void advanceTo(long eventNanos) {
        tracker.advanceTo(eventNanos);
        detection.advanceTo(tracker.now());
    }

    /**
     * The input is about to wait for more (a live capture or pipe): the detectors see every
     * attempt made so far before it does. Alerts depend only on event time, so flushing or not
     * never changes them, only when they are written.
     */
    public void flush() {
        detection.flush();
    }

    /** End of input: pending probes resolve, then every open alert closes with its final state. */
    public void finish() {
        tracker.finish();
        detection.finish();
    }

    public TrackerStats trackerStats() {
        return tracker.stats();
    }

    /** The detector's own counters, one line. */
    public String describeDetector() {
        return "repeated_flow_contacts=" + firstContacts.repeats() + " flow_contact_evictions="
               + firstContacts.evictions() + " " + detection.describe();
    }
}
