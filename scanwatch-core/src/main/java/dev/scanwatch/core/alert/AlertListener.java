package dev.scanwatch.core.alert;

/**
 * Receives the life of each alert: one {@link AlertState#OPEN}, any number of
 * {@link AlertState#UPDATED} at escalation levels, one {@link AlertState#CLOSED} with the final
 * state. A batch report listens to the closes only; a live console may show all three.
 */
@FunctionalInterface
public interface AlertListener {
    void onAlert(Alert alert);

    /**
     * Whether this listener looks at OPEN and UPDATED events at all. A detector builds an alert
     * (its port lists, its summary line) only for a listener that will read it, so a batch report
     * that waits for the closes says false: two alert events in three were built to be dropped,
     * and building them was 4 % of the detection thread. The answer must not change.
     */
    default boolean wantsProgress() {
        return true;
    }
}
