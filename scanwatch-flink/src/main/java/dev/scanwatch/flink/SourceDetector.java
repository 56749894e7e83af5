package dev.scanwatch.flink;

import dev.scanwatch.core.alert.Alert;
import dev.scanwatch.core.alert.AlertState;
import dev.scanwatch.core.detect.DetectorConfig;
import dev.scanwatch.core.detect.ScanDetector;
import dev.scanwatch.core.detect.SourceActivity;
import dev.scanwatch.core.model.Attempt;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The per-(source, protocol) detector: {@link ScanDetector}'s table, one key at a time. Its
 * policy is the embedded one, through the core's shared rules:
 * <ul>
 * <li>allowlisted attempts ({@link ScanDetector#allowlisted}) are no evidence: they change no
 * state (but still reach the per-target detector, as in the embedded pipeline);</li>
 * <li>activity is {@link SourceActivity#offer}; OPEN and UPDATED events go out as they happen;</li>
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
 * <p>Not mirrored: the embedded table's capacity for the long horizon ({@code max_slow_sources});
 * keyed state has no global count. Bound it with state TTL or the long horizon itself.
 */
final class SourceDetector extends KeyedProcessFunction<String, Attempt, Contact>
        implements StateCachingOperator.CachedStateFunction {

    private static final long serialVersionUID = 1L;

    static final OutputTag<Alert> ALERTS = new OutputTag<>("source-alerts", TypeInformation.of(Alert.class));

    private final DetectorSettings settings;
    private transient DetectorConfig config;
    private transient long idleNanos;
    private transient long slowIdleNanos;
    /** The key's activity; on RocksDB deserialised once while hot, written at most once per checkpoint (see KeyedStateCache). */
    private transient KeyedStateCache<SourceState> state;

    SourceDetector(DetectorSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext context) {
        config = settings.detectorConfig();
        idleNanos = config.sourceIdle().toNanos();
        slowIdleNanos = config.slowSourceIdle().toNanos();
        state = new KeyedStateCache<>(getRuntimeContext().getState(new ValueStateDescriptor<>("source",
                TypeInformation.of(SourceState.class))), s -> s.activity.estimatedBytes());
    }

    @Override
    public KeyedStateCache<?> stateCache() {
        return state;
    }

    @Override
    public void processElement(Attempt a, Context ctx, Collector<Contact> out) throws Exception {
        long now = a.timeNanos();
        SourceState s = state.value();
        if (s != null && deadline(s) <= now) {
            s = wentIdle(s, now, ctx);
        }
        if (ScanDetector.allowlisted(a, config)) {
            if (s != null) {
                state.update(s);
            }
            out.collect(new Contact(a, s != null && s.activity.fired()));
            return;
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
        state.update(s);
        out.collect(new Contact(a, activity.fired()));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Contact> out) throws Exception {
        SourceState s = state.value();
        if (s == null || s.timerMillis != timestamp) {
            return; // stale: the activity closed, or its timer was re-armed
        }
        s.timerMillis = SourceState.NO_TIMER;
        long now = EventTime.nanos(timestamp);
        if (deadline(s) > now) {
            arm(s, ctx); // active since the timer was set: the embedded idle queue re-queues it
            state.update(s);
            return;
        }
        s = wentIdle(s, now, ctx);
        if (s != null) {
            state.update(s);
        }
    }

    private long deadline(SourceState s) {
        return s.activity.lastActiveNanos + (s.slow ? slowIdleNanos : idleNanos);
    }

    /**
     * ScanDetector.wentIdle, and the expiry of its slow queue: the long horizon, or close.
     *
     * @return the state kept (moved to the long horizon), or null once closed
     */
    private SourceState wentIdle(SourceState s, long now, Context ctx) throws Exception {
        if (!s.slow && ScanDetector.keepForLongHorizon(s.activity, config, now)) {
            s.slow = true;
            arm(s, ctx);
            return s;
        }
        state.clear();
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
