package dev.scanwatch.core.detect;

/**
 * The sources on probation, oldest first: those with one attempt that have not fired, which a
 * flood of spoofed sources is made of and which the detector evicts first when it is full
 * ({@link ScanDetector}'s evictLeastRecent).
 *
 * <p>Linked through the sources themselves, so a source leaves the moment its second attempt
 * comes, it fires or it is forgotten, without a search. The queue this replaces kept departed
 * sources until a pruning walked it whole: 7 % of the detection thread's samples on the bench
 * capture, and their memory held past the budget's count until then.
 */
final class Probation {

    private SourceActivity oldest;
    private SourceActivity newest;
    private int size;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Puts a source that is on no probation list at the newest end. */
    void add(SourceActivity s) {
        s.onProbation = true;
        s.probationPrevious = newest;
        s.probationNext = null;
        if (newest == null) {
            oldest = s;
        } else {
            newest.probationNext = s;
        }
        newest = s;
        size++;
    }

    /** Takes {@code s} off the list; nothing when it is not on it. */
    void remove(SourceActivity s) {
        if (!s.onProbation) {
            return;
        }
        SourceActivity previous = s.probationPrevious;
        SourceActivity next = s.probationNext;
        if (previous == null) {
            oldest = next;
        } else {
            previous.probationNext = next;
        }
        if (next == null) {
            newest = previous;
        } else {
            next.probationPrevious = previous;
        }
        s.onProbation = false;
        s.probationPrevious = null;
        s.probationNext = null;
        size--;
    }

    /**
     * Takes off and returns the oldest source other than {@code keep}, or null. A source passed
     * over as {@code keep} goes to the newest end, as it did in the queue this replaces (it is
     * the newest already whenever it is on probation, having just made its only attempt).
     */
    SourceActivity pollOldestBut(SourceActivity keep) {
        SourceActivity s = oldest;
        if (s != null && s == keep) {
            remove(keep);
            s = oldest;
            add(keep);
        }
        if (s != null) {
            remove(s);
        }
        return s;
    }

    /** Empties the list, unlinking every source. */
    void clear() {
        while (oldest != null) {
            remove(oldest);
        }
    }
}
