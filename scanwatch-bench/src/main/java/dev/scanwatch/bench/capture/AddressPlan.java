package dev.scanwatch.bench.capture;

import java.util.Arrays;

/**
 * Maps the base trace's 127/8 addresses to a private block of their own per repetition, so every
 * repetition has distinct scanners, targets and clients: index i of the sorted dictionary becomes
 * blockStart(r) + i. Sorting keeps a sweep's targets contiguous after the rewrite.
 *
 * <p>Blocks are taken from 10.0.0.0/8, then 172.16.0.0/12; past both, repetitions reuse blocks
 * (with the 1024-address blocks of the shared traces that is only after some 17 000 repetitions).
 */
final class AddressPlan {

    static final int LOOPBACK_NET = 127;
    private static final int TEN_NET = 10 << 24;
    private static final int TEN_NET_SIZE = 1 << 24;
    private static final int ONE_SEVEN_TWO_NET = (172 << 24) | (16 << 16);
    private static final int ONE_SEVEN_TWO_NET_SIZE = 1 << 20;

    private final int[] dictionary;
    private final int blockSize;

    /** @param addresses every distinct 127/8 address of the base trace (any order) */
    AddressPlan(int[] addresses) {
        this.dictionary = addresses.clone();
        Arrays.sort(dictionary);
        this.blockSize = Integer.highestOneBit(Math.max(1, dictionary.length - 1)) << 1;
        if (blockSize > ONE_SEVEN_TWO_NET_SIZE) {
            throw new IllegalArgumentException("too many distinct addresses in the base trace: " + dictionary.length);
        }
    }

    static boolean isLoopback(int address) {
        return (address >>> 24) == LOOPBACK_NET;
    }

    /** The dictionary index of a 127/8 address of the base trace. */
    int indexOf(int address) {
        int i = Arrays.binarySearch(dictionary, address);
        if (i < 0) {
            throw new IllegalArgumentException("address not in the dictionary");
        }
        return i;
    }

    int size() {
        return dictionary.length;
    }

    int blockSize() {
        return blockSize;
    }

    /** The rewritten address of dictionary entry {@code index} in repetition {@code repetition}. */
    int address(int repetition, int index) {
        int inTen = TEN_NET_SIZE / blockSize;
        int inOneSevenTwo = ONE_SEVEN_TWO_NET_SIZE / blockSize;
        int r = repetition % (inTen + inOneSevenTwo);
        return r < inTen ? TEN_NET + r * blockSize + index
                : ONE_SEVEN_TWO_NET + (r - inTen) * blockSize + index;
    }
}
