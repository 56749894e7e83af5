package dev.scanwatch.io.flow;

import dev.scanwatch.core.model.Outcome;
import dev.scanwatch.core.model.Technique;

/**
 * What one flow record says: skipped (with the reason), or a probe with its technique and outcome.
 * A null outcome means no answer was seen: FILTERED or UNKNOWN is decided later, by how long
 * before the end of the data the flow started ({@link AttemptQueue}).
 */
record Verdict(SkipReason skip, Technique technique, Outcome outcome) {

    static Verdict skip(SkipReason reason) {
        return new Verdict(reason, null, null);
    }

    static Verdict probe(Technique technique, Outcome outcome) {
        return new Verdict(null, technique, outcome);
    }

    static Verdict unanswered(Technique technique) {
        return new Verdict(null, technique, null);
    }

    boolean skipped() {
        return skip != null;
    }

    boolean awaitingAnswer() {
        return skip == null && outcome == null;
    }
}
