package dev.scanwatch.bench.throughput;

import dev.scanwatch.core.alert.Alert;
import dev.scanwatch.core.alert.AlertListener;
import dev.scanwatch.core.alert.AlertState;

/**
 * Counts alerts as the CLI would print them by default (each alert once, in its final state),
 * without formatting any: the sinks are not what is being measured.
 */
final class AlertCounter implements AlertListener {

    long printed;
    long suppressed;

    @Override
    public boolean wantsProgress() {
        return false; // as the CLI's default selection
    }

    @Override
    public void onAlert(Alert a) {
        if (a.state() != AlertState.CLOSED) {
            return;
        }
        if (a.isSuppressed()) {
            suppressed++;
        } else {
            printed++;
        }
    }
}
