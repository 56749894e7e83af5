package dev.scanwatch.core.alert;

/** Where an alert is in its life: opened when a detector fires, updated as it grows, closed when idle. */
public enum AlertState {
    OPEN("open"), UPDATED("updated"), CLOSED("closed");

    private final String label;

    AlertState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
