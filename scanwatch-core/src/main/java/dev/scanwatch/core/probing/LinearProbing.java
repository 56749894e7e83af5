package dev.scanwatch.core.probing;

import dev.scanwatch.core.net.IpAddress;

import java.util.function.IntPredicate;

/**
 * The rules shared by the open-addressing tables that probe linearly and delete by shifting
 * back (the tracker's conversations, the flow reader's contacts, the detector's sources), so
 * that the subtle one is written once, and how their hashes are keyed.
 */
public final class LinearProbing {

    /** Spreads the seeds of one hash's multipliers apart (the 64-bit golden ratio). */
    private static final long SALT = 0x9E37_79B9_7F4A_7C15L;

    private LinearProbing() {
    }

    /**
     * Backward-shift deletion: whether the entry at slot {@code j}, whose home slot is
     * {@code home}, stays where it is when slot {@code hole} is emptied before it in its run (its
     * home lies after the hole, round the end).
     */
    public static boolean staysPut(int hole, int j, int home) {
        return hole <= j ? hole < home && home <= j : hole < home || home <= j;
    }

    /**
     * A hash multiplier keyed by the run's seed: the fixed constant for seed 0 (tests and
     * benchmarks), otherwise one drawn from the seed, odd so that it keeps every bit. Keys
     * chosen to collide under the fixed constants cannot anticipate a drawn one.
     *
     * @param which distinguishes the multipliers of one hash
     */
    public static long multiplier(long fixed, long seed, int which) {
        return seed == 0 ? fixed : IpAddress.mix(seed + which * SALT) | 1;
    }

    /** The longest run of used slots round the table's end: what a lookup may have to walk (tests of a hash). */
    public static int longestRun(int slots, IntPredicate used) {
        int longest = 0;
        int run = 0;
        for (int pass = 0; pass < 2; pass++) { // twice round, so a run across the end counts whole
            for (int i = 0; i < slots; i++) {
                run = used.test(i) ? run + 1 : 0;
                longest = Math.max(longest, Math.min(run, slots));
            }
        }
        return longest;
    }
}
