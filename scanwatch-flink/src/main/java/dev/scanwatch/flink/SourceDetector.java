package dev.scanwatch.flink;

import dev.scanwatch.core.alert.Alert;
import dev.scanwatch.core.alert.AlertState;
import dev.scanwatch.core.detect.DetectorConfig;
import dev.scanwatch.core.detect.ScanDetector;
import dev.scanwatch.core.detect.SourceActivity;
import dev.scanwatch.core.model.Attempt;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The per-(source, protocol) detector: {@link ScanDetector}'s table, one key at a time. Its
 * policy is the embedded one, through the core's shared rules:
 * <ul>
 * <li>allowlisted attempts ({@link ScanDetector#allowlisted}) are no evidence: they change no
 * state (but still reach the per-target detector, as in the embedded pipeline);</li>
 * <li>activity is {@link SourceActivity#offer}; OPEN and UPDATED events go out with the batch
 * of the attempt that caused them (below);</li>
 * <li>idle expiry in event time: an event-time timer at the last activity plus
 * {@code source_idle} (re-armed, like the embedded idle queue, when the key was active since);
 * when it fires and {@link ScanDetector#keepForLongHorizon} says so, the activity moves to the
 * long horizon ({@code slow_source_idle}, timed from its last activity), else it closes (CLOSED
 * if it had fired). An attempt that arrives after its key's deadline first expires the old
 * activity, as the embedded table would have by then, whatever the watermark says.</li>
 * </ul>
 * Each attempt goes on to the per-target detector as a {@link Contact}, with whether this source
 * has an alert of its own at that moment (after counting the attempt): the embedded pipeline's
 * {@code detector::hasFired}. Alerts leave on the side output {@link #ALERTS}.
 *
 * <p>Attempts are applied in batches: each is appended to the key's list of pending attempts,
 * and the whole list is applied, in arrival order, at the key's next timer, which is at the
 * earliest waiting attempt's time at the latest (just past the watermark, for a late one). So
 * the watermark never passes a waiting attempt: its contact still reaches the per-target
 * detector before that detector's timers at later times fire, as when it was applied at once.
 * The activity is then read and written once per batch instead of
 * once per attempt: with RocksDB, where every read and write (de)serialises the whole activity,
 * a source's cost per attempt grew with its evidence, so a sweep of a /16 took quadratic time.
 * Any timer of the key applies the pending list before it decides idleness, so an attempt still
 * counts before every timer that fires after its arrival, as when it was applied at once. The
 * price is latency: an alert leaves when the watermark passes the batch's first attempt, i.e.
 * about {@code --watermark-delay} later than the attempt arrived.
 *
 * <p>Not mirrored: the embedded table's capacity for the long horizon ({@code max_slow_sources});
 * keyed state has no global count. Bound it with state TTL or the long horizon itself.
 */
final class SourceDetector extends KeyedProcessFunction<String, Attempt, Contact> {

    private static final long serialVersionUID = 1L;

    static final OutputTag<Alert> ALERTS = new OutputTag<>("source-alerts", TypeInformation.of(Alert.class));

    private final DetectorSettings settings;
    private transient DetectorConfig config;
    private transient long idleNanos;
    private transient long slowIdleNanos;
    private transient ValueState<SourceState> state;
    /** Attempts arrived and not applied yet, in arrival order. */
    private transient ListState<Attempt> pending;
    /** The timer (ms) that applies {@link #pending}, while it holds anything. */
    private transient ValueState<Long> applyTimer;

    SourceDetector(DetectorSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext context) {
        config = settings.detectorConfig();
        idleNanos = config.sourceIdle().toNanos();
        slowIdleNanos = config.slowSourceIdle().toNanos();
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("source",
                TypeInformation.of(SourceState.class)));
        pending = getRuntimeContext().getListState(new ListStateDescriptor<>("pending",
                TypeInformation.of(Attempt.class)));
        applyTimer = getRuntimeContext().getState(new ValueStateDescriptor<>("apply-timer", Types.LONG));
    }

    @Override
    public void processElement(Attempt a, Context ctx, Collector<Contact> out) throws Exception {
        pending.add(a);
        long watermark = ctx.timerService().currentWatermark();
        // After the final watermark (end of input) no timer fires again: nothing arrives then.
        long at = Math.max(EventTime.millis(a.timeNanos()), watermark == Long.MAX_VALUE ? watermark : watermark + 1);
        Long set = applyTimer.value();
        if (set == null || at < set) {
            // An earlier timer for an attempt out of order. The later one stays (deleting it could
            // delete the idle timer at the same time); when it fires it applies whatever waits
            // then, a smaller batch, in the same order.
            ctx.timerService().registerEventTimeTimer(at);
            applyTimer.update(at);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Contact> out) throws Exception {
        SourceState s = state.value();
        boolean changed = false;
        if (applyTimer.value() != null) {
            for (Attempt a : pending.get()) {
                s = apply(a, s, ctx, out);
            }
            pending.clear();
            applyTimer.clear();
            changed = true;
        }
        if (s != null && s.timerMillis == timestamp) {
            s.timerMillis = SourceState.NO_TIMER;
            long now = EventTime.nanos(timestamp);
            if (deadline(s) > now) {
                arm(s, ctx); // active since the timer was set: the embedded idle queue re-queues it
            } else {
                s = wentIdle(s, now, ctx);
            }
            changed = true;
        }
        if (!changed) {
            return; // stale: the activity closed, or its timer was re-armed
        }
        if (s == null) {
            state.clear();
        } else {
            state.update(s);
        }
    }

    /** One attempt, as the embedded detector takes it. @return the state after it (null: none) */
    private SourceState apply(Attempt a, SourceState s, Context ctx, Collector<Contact> out) {
        long now = a.timeNanos();
        if (s != null && deadline(s) <= now) {
            s = wentIdle(s, now, ctx);
        }
        if (ScanDetector.allowlisted(a, config)) {
            out.collect(new Contact(a, s != null && s.activity.fired()));
            return s;
        }
        if (s == null) {
            s = new SourceState(new SourceActivity(a.src(), a.protocol(), config.homeNets().contains(a.src()),
                    config.hashSeed()));
        }
        SourceActivity activity = s.activity;
        if (now > activity.lastActiveNanos) {
            activity.lastActiveNanos = now;
        }
        s.firstNanos = Math.min(s.firstNanos, now);
        SourceState current = s;
        AlertState event = activity.offer(a, config,
                () -> AlertIds.of(AlertIds.SOURCE, a.src(), a.protocol(), current.firstNanos));
        if (event != null) {
            ctx.output(ALERTS, activity.alert(event, config));
        }
        arm(s, ctx);
        out.collect(new Contact(a, activity.fired()));
        return s;
    }

    private long deadline(SourceState s) {
        return s.activity.lastActiveNanos + (s.slow ? slowIdleNanos : idleNanos);
    }

    /**
     * ScanDetector.wentIdle, and the expiry of its slow queue: the long horizon, or close.
     *
     * @return the state kept (moved to the long horizon), or null once closed
     */
    private SourceState wentIdle(SourceState s, long now, Context ctx) {
        if (!s.slow && ScanDetector.keepForLongHorizon(s.activity, config, now)) {
            s.slow = true;
            arm(s, ctx);
            return s;
        }
        if (s.activity.fired()) {
            ctx.output(ALERTS, s.activity.alert(AlertState.CLOSED, config));
        }
        return null;
    }

    /** One pending timer per key, at its current deadline (moved forward lazily, when it fires). */
    private void arm(SourceState s, Context ctx) {
        if (s.timerMillis == SourceState.NO_TIMER) {
            s.timerMillis = EventTime.timerFor(deadline(s));
            ctx.timerService().registerEventTimeTimer(s.timerMillis);
        }
    }
}
