package dev.scanwatch.core.alert;

/** Alert numbers for one run, shared by every detector so that ids never collide. */
public final class AlertIds {
    private long next;

    public long next() {
        return next++;
    }
}
