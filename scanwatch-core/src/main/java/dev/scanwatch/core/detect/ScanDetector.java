package dev.scanwatch.core.detect;

import dev.scanwatch.core.alert.AlertIds;
import dev.scanwatch.core.alert.AlertListener;
import dev.scanwatch.core.alert.AlertState;
import dev.scanwatch.core.expiry.IdleQueue;
import dev.scanwatch.core.model.Attempt;
import dev.scanwatch.core.model.Protocol;
import dev.scanwatch.core.net.IpAddress;
import dev.scanwatch.core.track.AttemptListener;

import java.util.Comparator;
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
    /** Whether the listener reads OPEN and UPDATED events (else only closes are built). */
    private final boolean progress;
    private final SourceTable sources;
    private final IdleQueue<SourceActivity> idle;
    /** Sources kept for the long horizon; a queue of its own so its far deadlines delay no one. */
    private final IdleQueue<SourceActivity> slowIdle;
    private long now = Long.MIN_VALUE;
    private final java.util.function.LongSupplier nextId;
    private int slowSources;
    private long slowEvictions;
    private long allowlisted;
    private long evictions;
    private long stateBytes;
    private long peakStateBytes;
    private int peakSources;
    /** New sources in arrival order; they leave it at their second attempt (see evictLeastRecent). */
    private final Probation probation = new Probation();
    /** Evictions between two prunings of the idle queues (which hold evicted sources until met). */
    private static final int PRUNE_EVERY = 1024;
    private int evictionsSincePrune;
    private final java.util.function.Consumer<SourceActivity> wentIdle = this::wentIdle;
    private final java.util.function.Consumer<SourceActivity> leftLongHorizon = this::leaveLongHorizon;
    /** The source of the previous attempt: scanners send runs of attempts, so most lookups hit it. */
    private SourceActivity last;

    public ScanDetector(DetectorConfig config, AlertListener listener) {
        this(config, listener, new AlertIds());
    }

    /** @param ids alert numbers shared with the other detectors of the same run */
    public ScanDetector(DetectorConfig config, AlertListener listener, AlertIds ids) {
        this.nextId = ids::next;
        this.config = config;
        this.listener = listener;
        this.progress = listener.wantsProgress();
        this.idle = new IdleQueue<>(config.sourceIdle().toNanos());
        this.slowIdle = new IdleQueue<>(config.slowSourceIdle().toNanos());
        this.sources = new SourceTable(config.hashSeed());
    }

    @Override
    public void onAttempt(Attempt attempt) {
        if (allowlisted(attempt, config)) {
            allowlisted++;
            return;
        }
        SourceActivity s = lookup(attempt.src(), attempt.protocol());
        if (s == null) {
            while (sources.size() >= config.maxSources()) {
                evictLeastRecent(null);
            }
            s = new SourceActivity(attempt.src(), attempt.protocol(), config.homeNets().contains(attempt.src()),
                    config.hashSeed());
            sources.add(s);
            stateBytes += s.bytes;
            probation.add(s);
            peakSources = Math.max(peakSources, sources.size());
            idle.add(s, Math.max(now, attempt.timeNanos()));
        }
        last = s;
        IdleQueue.touch(s, Math.max(now, attempt.timeNanos()));
        long before = s.bytes;
        AlertState event = s.offer(attempt, config, nextId);
        stateBytes += s.bytes - before;
        if (s.attempts > 1 || s.fired()) {
            probation.remove(s);
        }
        if (event != null && progress) {
            listener.onAlert(s.alert(event, config));
        }
        // The budget: the least recently active go first, so the source just touched stays.
        while (stateBytes > config.maxStateBytes() && sources.size() > 1) {
            evictLeastRecent(s);
        }
        peakStateBytes = Math.max(peakStateBytes, stateBytes);
        if (evictionsSincePrune > PRUNE_EVERY) {
            evictionsSincePrune = 0;
            idle.prune(sources.size() - slowSources);
            slowIdle.prune(slowSources);
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
        if (idle.isDue(now)) {
            idle.expire(now, wentIdle);
        }
        if (slowIdle.isDue(now)) {
            slowIdle.expire(now, leftLongHorizon);
        }
    }

    private void leaveLongHorizon(SourceActivity s) {
        close(s);
    }

    /**
     * The long-horizon policy, shared with other hosts of the core (a Flink job): a source that
     * went idle is kept for {@link DetectorConfig#slowSourceIdle()} instead of closed when it has
     * not fired and has failed often enough, and that time has not run out yet.
     */
    public static boolean keepForLongHorizon(SourceActivity s, DetectorConfig config, long nowNanos) {
        return !s.fired() && s.failures() >= config.slowMinFailures()
               && s.lastActiveNanos + config.slowSourceIdle().toNanos() > nowNanos;
    }

    /** Whether an attempt is removed from the evidence by the operator's allowlists. */
    public static boolean allowlisted(Attempt a, DetectorConfig config) {
        FalsePositiveExits exits = config.exits();
        return exits.allowsSource(a.src()) || exits.allowsDestination(a.dst(), a.port());
    }

    private void wentIdle(SourceActivity s) {
        if (keepForLongHorizon(s, config, now)) {
            slowIdle.add(s, s.lastActiveNanos);
            s.inLongHorizon = true;
            slowSources++;
            while (slowSources > config.maxSlowSources()) {
                evictSlowest();
            }
        } else {
            close(s);
        }
    }

    /**
     * Makes room at the capacity, least suspicious first: a source still on probation (one
     * attempt, not fired: what a flood of spoofed sources is made of), then the least recently
     * active (from the long horizon first, its sources being idle already). One that fired
     * closes with its alert; any other is dropped and counted. Without probation a real scanner
     * whose unanswered probes resolve only after the response timeout was pushed out by the
     * flood between its answered and unanswered probes, and its sweep split in two alerts.
     */
    private void evictLeastRecent(SourceActivity keep) {
        SourceActivity s = probation.pollOldestBut(keep); // never the source whose attempt is being counted
        if (s == null && slowSources > 0) {
            s = slowIdle.pollOldest();
        }
        if (s == null) {
            s = idle.pollOldest();
        }
        if (s == null) {
            return;
        }
        evictionsSincePrune++;
        if (s.fired()) {
            close(s);
        } else {
            forget(s);
            evictions++;
        }
    }

    private void forget(SourceActivity s) {
        sources.remove(s);
        probation.remove(s);
        s.detach(); // every queue that still holds it skips it from now on
        if (s.inLongHorizon) {
            s.inLongHorizon = false;
            slowSources--;
        }
        if (last == s) {
            last = null;
        }
        stateBytes -= s.bytes;
    }

    /** Estimated bytes held by the per-source state now (the accounting behind the budget). */
    public long stateBytes() {
        return stateBytes;
    }

    /** The most the per-source state held at once, by the same estimate. */
    public long peakStateBytes() {
        return peakStateBytes;
    }

    public int peakSources() {
        return peakSources;
    }

    /** Drops the longest-kept slow source that has not fired (a fired one closes normally). */
    private void evictSlowest() {
        SourceActivity s = slowIdle.pollOldest();
        if (s == null) {
            return;
        }
        if (s.fired()) {
            close(s);
        } else {
            forget(s);
            slowEvictions++;
        }
    }

    /** Attempts that the operator's allowlists removed from the evidence. */
    public long allowlisted() {
        return allowlisted;
    }

    /** Sources dropped by the table's capacity before they went idle (none of them had fired). */
    public long evictions() {
        return evictions;
    }

    /** Sources dropped from the long horizon by its capacity before they went idle. */
    public long slowEvictions() {
        return slowEvictions;
    }

    /** The input has ended: close every open alert, oldest first. */
    public void finish() {
        List<SourceActivity> open = sources.all();
        open.sort(Comparator.comparingLong((SourceActivity s) -> s.alertId));
        for (SourceActivity s : open) {
            close(s);
        }
        idle.clear();
        slowIdle.clear();
        slowSources = 0;
        stateBytes = 0;
        last = null;
        probation.clear();
    }

    /** Whether this (source, protocol) has an alert of its own now. */
    public boolean hasFired(IpAddress src, Protocol protocol) {
        SourceActivity s = lookup(src, protocol);
        return s != null && s.fired();
    }

    private SourceActivity lookup(IpAddress src, Protocol protocol) {
        SourceActivity l = last;
        if (l != null && l.key.protocol() == protocol && l.key.src().equals(src)) {
            return l;
        }
        return sources.get(src, protocol);
    }

    public int trackedSources() {
        return sources.size();
    }

    private void close(SourceActivity s) {
        forget(s);
        if (s.fired()) {
            listener.onAlert(s.alert(AlertState.CLOSED, config));
        }
    }

}
