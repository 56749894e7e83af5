package dev.scanwatch.core.track;

import dev.scanwatch.core.model.Attempt;

/** Receives attempts as their outcomes become known (so not strictly in probe-time order). */
@FunctionalInterface
public interface AttemptListener {
    void onAttempt(Attempt attempt);
}
