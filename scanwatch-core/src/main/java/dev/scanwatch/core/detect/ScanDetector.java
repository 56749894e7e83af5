package dev.scanwatch.core.detect;

import dev.scanwatch.core.alert.Alert;
import dev.scanwatch.core.alert.AlertIds;
import dev.scanwatch.core.alert.AlertListener;
import dev.scanwatch.core.alert.AlertState;
import dev.scanwatch.core.expiry.IdleQueue;
import dev.scanwatch.core.model.Attempt;
import dev.scanwatch.core.model.Protocol;
import dev.scanwatch.core.model.ScanKind;
import dev.scanwatch.core.net.IpAddress;
import dev.scanwatch.core.track.AttemptListener;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;

/**
 * Port sweeps, port scans and block scans, per (source, protocol), with idle expiry.
 *
 * <p>A source fires when its failed first contacts reach one of the thresholds of
 * {@link DetectorConfig}; its kind is decided from the shape of all its failures at the time an
 * alert is written, so a sweep that goes on to many ports becomes a block scan, not a second
 * alert. The alert is updated at each escalation level and closed, with its final state, once
 * the source has been idle for {@link DetectorConfig#sourceIdle()}.
 */
public final class ScanDetector implements AttemptListener {

    private final DetectorConfig config;
    private final AlertListener listener;
    private final AlertFactory alerts;
    private final HashMap<SourceKey, SourceActivity> sources = new HashMap<>();
    private final IdleQueue<SourceActivity> idle;
    /** Sources kept for the long horizon; a queue of its own so its far deadlines delay no one. */
    private final IdleQueue<SourceActivity> slowIdle;
    private long now = Long.MIN_VALUE;
    private final AlertIds ids;
    private int slowSources;
    private long slowEvictions;
    private long allowlisted;

    public ScanDetector(DetectorConfig config, AlertListener listener) {
        this(config, listener, new AlertIds());
    }

    /** @param ids alert numbers shared with the other detectors of the same run */
    public ScanDetector(DetectorConfig config, AlertListener listener, AlertIds ids) {
        this.ids = ids;
        this.config = config;
        this.listener = listener;
        this.alerts = new AlertFactory(config);
        this.idle = new IdleQueue<>(config.sourceIdle().toNanos());
        this.slowIdle = new IdleQueue<>(config.slowSourceIdle().toNanos());
    }

    @Override
    public void onAttempt(Attempt attempt) {
        FalsePositiveExits exits = config.exits();
        if (exits.allowsSource(attempt.src()) || exits.allowsDestination(attempt.dst(), attempt.port())) {
            allowlisted++;
            return;
        }
        SourceKey key = new SourceKey(attempt.src(), attempt.protocol());
        SourceActivity s = sources.get(key);
        if (s == null) {
            s = new SourceActivity(key, config.homeNets().contains(attempt.src()));
            sources.put(key, s);
            idle.add(s, Math.max(now, attempt.timeNanos()));
        }
        IdleQueue.touch(s, Math.max(now, attempt.timeNanos()));
        boolean newPair = s.add(attempt, config.homeNets(), config.blockscanMinHostPorts(), config.sequentialTest());
        if (!s.fired()) {
            if (newPair && thresholdReached(s, attempt)) {
                s.alertId = ids.next();
                s.detectedAfter = s.attempts;
                s.escalationIndex = levelIndex(s.attempts);
                listener.onAlert(alerts.of(s, AlertState.OPEN));
            }
        } else {
            int level = levelIndex(s.attempts);
            if (level > s.escalationIndex) {
                s.escalationIndex = level;
                listener.onAlert(alerts.of(s, AlertState.UPDATED));
            }
        }
    }

    /**
     * Moves event time. A source idle for {@link DetectorConfig#sourceIdle()} is closed, unless it
     * has not fired yet and already failed {@link DetectorConfig#slowMinFailures()} times: then its
     * evidence is kept for {@link DetectorConfig#slowSourceIdle()}, so that one probe every few
     * minutes still adds up to a scan (one spoofed SYN, a single failure, is never kept).
     */
    public void advanceTo(long timeNanos) {
        if (timeNanos <= now) {
            return;
        }
        now = timeNanos;
        idle.expire(now, this::wentIdle);
        slowIdle.expire(now, s -> {
            slowSources--;
            close(s);
        });
    }

    private void wentIdle(SourceActivity s) {
        if (!s.fired() && s.failures() >= config.slowMinFailures()
            && s.lastActiveNanos + slowIdle.idleNanos() > now) {
            slowIdle.add(s, s.lastActiveNanos);
            slowSources++;
            while (slowSources > config.maxSlowSources()) {
                evictSlowest();
            }
        } else {
            close(s);
        }
    }

    /** Drops the longest-kept slow source that has not fired (a fired one closes normally). */
    private void evictSlowest() {
        SourceActivity s = slowIdle.pollOldest();
        slowSources--;
        if (s.fired()) {
            close(s);
        } else {
            sources.remove(s.key);
            slowEvictions++;
        }
    }

    /** Attempts that the operator's allowlists removed from the evidence. */
    public long allowlisted() {
        return allowlisted;
    }

    /** Sources dropped from the long horizon by its capacity before they went idle. */
    public long slowEvictions() {
        return slowEvictions;
    }

    /** The input has ended: close every open alert, oldest first. */
    public void finish() {
        List<SourceActivity> open = new ArrayList<>(sources.values());
        open.sort(Comparator.comparingLong((SourceActivity s) -> s.alertId));
        for (SourceActivity s : open) {
            close(s);
        }
        idle.clear();
        slowIdle.clear();
        slowSources = 0;
    }

    /** Whether this (source, protocol) has an alert of its own now. */
    public boolean hasFired(IpAddress src, Protocol protocol) {
        SourceActivity s = sources.get(new SourceKey(src, protocol));
        return s != null && s.fired();
    }

    public int trackedSources() {
        return sources.size();
    }

    private void close(SourceActivity s) {
        sources.remove(s.key);
        if (s.fired()) {
            listener.onAlert(alerts.of(s, AlertState.CLOSED));
        }
    }

    /**
     * Whether the sequential test has decided "scanner", or the port or host this attempt
     * touched crossed a threshold: either enough failures
     * on their own (Zeek's rule), or enough distinct targets of which a large share failed (a
     * scan of a host with many open ports, a sweep where half the hosts answer).
     */
    private boolean thresholdReached(SourceActivity s, Attempt a) {
        int port = a.port();
        long host = IpAddress.fingerprint(a.dst().hi(), a.dst().lo());
        boolean outbound = s.srcHome && !config.homeNets().contains(a.dst());
        return (config.sequentialEnabled() && s.sequentialVerdict)
               || crossed(s.failuresOn(port), s.hostsOn(port),
                          outbound ? config.outboundSweepMinHosts() : config.sweepMinHosts())
               || crossed(s.failuresOnHost(host), s.portsOn(host),
                          outbound ? config.outboundScanMinPorts() : config.scanMinPorts())
               || s.gridHosts >= config.blockscanMinHosts();
    }

    private boolean crossed(int failures, int distinct, int threshold) {
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

    private int levelIndex(long attempts) {
        int index = 0;
        for (int level : config.escalationLevels()) {
            if (attempts >= level) {
                index++;
            }
        }
        return index;
    }
}
