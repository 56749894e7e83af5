package dev.scanwatch.core.alert;

/**
 * Receives the life of each alert: one {@link AlertState#OPEN}, any number of
 * {@link AlertState#UPDATED} at escalation levels, one {@link AlertState#CLOSED} with the final
 * state. A batch report listens to the closes only; a live console may show all three.
 */
@FunctionalInterface
public interface AlertListener {
    void onAlert(Alert alert);
}
