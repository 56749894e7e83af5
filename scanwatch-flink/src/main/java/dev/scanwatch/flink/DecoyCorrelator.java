package dev.scanwatch.flink;

import dev.scanwatch.core.alert.Alert;
import dev.scanwatch.core.detect.DetectorConfig;
import dev.scanwatch.core.distributed.DistributedScanCorrelator;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Decoy correlation, keyed by (target, protocol): closed port scans
 * ({@link DistributedScanCorrelator#isCandidate}) are held for the correlator's hold time of
 * event time from their close (the record's time, at the earliest their last activity plus
 * source_idle), with a timer, then released in the order they are due, with their partners
 * ({@link DistributedScanCorrelator#takeGroup}) as one alert, or alone
 * ({@link DistributedScanCorrelator#combine}). The embedded correlator's rule, with its held list
 * split by target (partners always share the target and protocol); it releases in arrival order,
 * which there is the order they are due, since it holds each from the moment it sees the close.
 */
final class DecoyCorrelator extends KeyedProcessFunction<String, Alert, Alert> {

    private static final long serialVersionUID = 1L;

    /** A closed port scan waiting for partners, and when it is released. */
    public record Held(Alert alert, long releaseAtNanos) {
    }

    private final DetectorSettings settings;
    private transient DistributedScanCorrelator rules;
    private transient long holdNanos;
    private transient long sourceIdleNanos;
    private transient ListState<Held> held;

    DecoyCorrelator(DetectorSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext context) {
        DetectorConfig config = settings.detectorConfig();
        rules = new DistributedScanCorrelator(alert -> {
        }, config.maxListedPorts());
        holdNanos = DistributedScanCorrelator.DEFAULT_HOLD.toNanos();
        sourceIdleNanos = config.sourceIdle().toNanos();
        held = getRuntimeContext().getListState(new ListStateDescriptor<>("held", TypeInformation.of(Held.class)));
    }

    @Override
    public void processElement(Alert a, Context ctx, Collector<Alert> out) throws Exception {
        // When the scan closed. A port scan that fired closes by idleness, no earlier than its last
        // activity plus source_idle (later from the long horizon). The record's timestamp is the
        // close's own (the idle timer's, or the attempt's that found the scan idle), except in a
        // replay without timestamps; the floor keeps the hold right there too.
        long closedAt = a.lastNanos() + sourceIdleNanos;
        if (ctx.timestamp() != null) {
            closedAt = Math.max(closedAt, EventTime.nanos(ctx.timestamp()));
        }
        long releaseAt = closedAt + holdNanos;
        held.add(new Held(a, releaseAt));
        ctx.timerService().registerEventTimeTimer(EventTime.timerFor(releaseAt));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        List<Held> waiting = new ArrayList<>();
        for (Held h : held.get()) {
            waiting.add(h);
        }
        // Held in arrival order, but due in release order: a scan that arrived later can be due
        // sooner (its close came through another channel, or a long horizon). Stable, so scans due
        // together keep their arrival order.
        waiting.sort(Comparator.comparingLong(Held::releaseAtNanos));
        long now = EventTime.nanos(timestamp);
        boolean released = false;
        // The one due first goes, with its whole group.
        while (!waiting.isEmpty() && waiting.get(0).releaseAtNanos() <= now) {
            out.collect(releaseGroupOf(waiting));
            released = true;
        }
        if (released) {
            held.update(waiting); // each scan still held keeps the timer processElement set for it
        }
    }

    /** Removes the first held scan and its partners (transitively) and returns what to emit. */
    private Alert releaseGroupOf(List<Held> waiting) {
        return rules.combine(rules.takeGroup(waiting, Held::alert).stream().map(Held::alert).toList());
    }
}
