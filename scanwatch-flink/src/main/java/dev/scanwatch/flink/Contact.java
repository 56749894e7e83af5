package dev.scanwatch.flink;

import dev.scanwatch.core.model.Attempt;

/**
 * An attempt on its way from the per-source detector to the per-target one, with what the
 * per-source detector knew when it had counted it: whether the source has an alert of its own
 * now (then its probes belong to that alert, not to a distributed scan).
 */
public record Contact(Attempt attempt, boolean sourceFired) {
}
