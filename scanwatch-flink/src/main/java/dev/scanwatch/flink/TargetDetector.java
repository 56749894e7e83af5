package dev.scanwatch.flink;

import dev.scanwatch.core.alert.Alert;
import dev.scanwatch.core.alert.AlertState;
import dev.scanwatch.core.detect.DetectorConfig;
import dev.scanwatch.core.distributed.DistributedScanDetector;
import dev.scanwatch.core.distributed.TargetActivity;
import dev.scanwatch.core.model.Attempt;
import dev.scanwatch.core.net.IpAddress;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.io.IOException;
import java.util.function.Predicate;

/**
 * The per-(target, protocol) detector of distributed scans: {@link DistributedScanDetector}'s
 * table one key at a time, with the core's {@link TargetActivity} in keyed state and an
 * event-time timer for {@code source_idle}, as in the embedded run.
 *
 * <p>The one difference: the embedded table can ask the per-source detector at any moment
 * whether an earlier source has fired since ({@code hasOwnAlertNow}); keyed by target, this
 * operator only learns it from that source's later attempts against this target (each
 * {@link Contact} says whether its source had fired). So {@code hasOwnAlertNow} is
 * {@code s -> false} here: a source that fired on its own but never came back to this target
 * still counts towards a distributed scan of it (and is listed in its {@code srcs}).
 */
final class TargetDetector extends KeyedProcessFunction<String, Contact, Alert>
        implements StateCachingOperator.CachedStateFunction {

    private static final long serialVersionUID = 1L;
    /** What a keyed stream knows of other sources: only what their own later attempts told it. */
    private static final Predicate<IpAddress> ONLY_FROM_LATER_ATTEMPTS = s -> false;

    private final DetectorSettings settings;
    private transient DetectorConfig config;
    private transient long idleNanos;
    /** The key's activity; on RocksDB deserialised once while hot, written at most once per checkpoint (see KeyedStateCache). */
    private transient KeyedStateCache<TargetState> state;

    TargetDetector(DetectorSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext context) {
        config = settings.detectorConfig();
        idleNanos = config.sourceIdle().toNanos();
        state = new KeyedStateCache<>(getRuntimeContext().getState(new ValueStateDescriptor<>("target",
                TypeInformation.of(TargetState.class))), t -> t.activity.estimatedBytes());
    }

    @Override
    public KeyedStateCache<?> stateCache() {
        return state;
    }

    @Override
    public void processElement(Contact c, Context ctx, Collector<Alert> out) throws Exception {
        Attempt a = c.attempt();
        long now = a.timeNanos();
        TargetState t = state.value();
        if (t != null && t.activity.lastActiveNanos + idleNanos <= now) {
            close(t, out);
            t = null;
        }
        if (t == null) {
            if (c.sourceFired()) {
                return;
            }
            t = new TargetState(new TargetActivity(a.dst(), a.protocol()));
        }
        TargetActivity activity = t.activity;
        if (now > activity.lastActiveNanos) {
            activity.lastActiveNanos = now;
        }
        if (!c.sourceFired()) {
            t.firstNanos = Math.min(t.firstNanos, now);
        }
        TargetState current = t;
        AlertState event = activity.offer(a, c.sourceFired(), ONLY_FROM_LATER_ATTEMPTS,
                () -> AlertIds.of(AlertIds.TARGET, a.dst(), a.protocol(), current.firstNanos));
        if (event == AlertState.OPEN) {
            out.collect(alert(activity, AlertState.OPEN));
        }
        arm(t, ctx);
        state.update(t);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        TargetState t = state.value();
        if (t == null || t.timerMillis != timestamp) {
            return;
        }
        t.timerMillis = SourceState.NO_TIMER;
        if (t.activity.lastActiveNanos + idleNanos > EventTime.nanos(timestamp)) {
            arm(t, ctx);
            state.update(t);
            return;
        }
        close(t, out);
    }

    private void close(TargetState t, Collector<Alert> out) throws IOException {
        state.clear();
        if (t.activity.fired()) {
            out.collect(alert(t.activity, AlertState.CLOSED));
        }
    }

    private Alert alert(TargetActivity t, AlertState s) {
        return t.alert(s, ONLY_FROM_LATER_ATTEMPTS, config.maxListedPorts(), config.homeNets());
    }

    private void arm(TargetState t, Context ctx) {
        if (t.timerMillis == SourceState.NO_TIMER) {
            t.timerMillis = EventTime.timerFor(t.activity.lastActiveNanos + idleNanos);
            ctx.timerService().registerEventTimeTimer(t.timerMillis);
        }
    }
}
