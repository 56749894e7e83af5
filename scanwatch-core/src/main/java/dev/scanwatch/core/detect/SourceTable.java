package dev.scanwatch.core.detect;

import dev.scanwatch.core.model.Protocol;
import dev.scanwatch.core.net.IpAddress;
import dev.scanwatch.core.probing.LinearProbing;

import java.util.ArrayList;
import java.util.List;

/**
 * The detector's sources by (address, protocol): open addressing with linear probing over the
 * activities themselves, each slot's hash kept beside it in an {@code int[]}. A lookup builds no
 * key, a probe that does not match reads only hashes (sixteen to a cache line), and a removal
 * shifts entries back by their kept hashes without reading their keys. An entry costs two
 * 4-byte slots instead of a map node, a table slot and the key object a lookup made.
 *
 * <p>Keyed by a seed, like the conversation table: with fixed multipliers anyone can choose IPv6
 * sources whose hashes collide (the address hash is public), and each new one would walk all
 * the earlier ones. Seed 0 keeps fixed multipliers (tests, benchmarks); the CLI draws one per
 * run. Lookups never depend on the seed, so alerts never do.
 */
final class SourceTable {

    private static final int MIN_CAPACITY = 1024;
    /**
     * Probes read hashes, not entries, so a fuller table costs little time and saves memory: at
     * three quarters at most, a source takes 11–21 bytes of slots (a map took 37–43).
     */
    private static final double MAX_LOAD = 0.75;
    /** Marks a used slot; a slot's home takes at most the lower 30 bits. */
    private static final int USED = Integer.MIN_VALUE;
    private static final long HI = 0x9E37_79B9_7F4A_7C15L;
    private static final long LO = 0xC2B2_AE3D_27D4_EB4FL;
    private static final long PROTOCOL = 0x1656_67B1_9E37_79F9L;

    private final long kHi;
    private final long kLo;
    private final long kProtocol;
    private SourceActivity[] values;
    /** Per slot: the key's hash with {@link #USED} set; 0 when empty. */
    private int[] hashes;
    private int mask;
    private int size;

    SourceTable(long seed) {
        kHi = LinearProbing.multiplier(HI, seed, 1);
        kLo = LinearProbing.multiplier(LO, seed, 2);
        kProtocol = LinearProbing.multiplier(PROTOCOL, seed, 3);
        allocate(MIN_CAPACITY);
    }

    int size() {
        return size;
    }

    SourceActivity get(IpAddress src, Protocol protocol) {
        int h = hash(src, protocol);
        for (int i = h & mask; hashes[i] != 0; i = (i + 1) & mask) {
            if (hashes[i] == h) {
                SourceKey k = values[i].key;
                if (k.protocol() == protocol && k.src().equals(src)) {
                    return values[i];
                }
            }
        }
        return null;
    }

    /** Adds a source whose key is not in the table. */
    void add(SourceActivity s) {
        if (size + 1 > values.length * MAX_LOAD) {
            resize(values.length << 1);
        }
        insert(s, hash(s.key.src(), s.key.protocol()));
        size++;
    }

    /** Removes this very source, if it is in the table. */
    void remove(SourceActivity s) {
        int h = hash(s.key.src(), s.key.protocol());
        int i = h & mask;
        while (values[i] != s) {
            if (hashes[i] == 0) {
                return;
            }
            i = (i + 1) & mask;
        }
        size--;
        int hole = i;
        int j = i;
        while (true) {
            hashes[hole] = 0;
            values[hole] = null;
            j = (j + 1) & mask;
            if (hashes[j] == 0) {
                return;
            }
            if (!LinearProbing.staysPut(hole, j, hashes[j] & mask)) {
                values[hole] = values[j];
                hashes[hole] = hashes[j];
                hole = j;
            }
        }
    }

    /** Every source, in slot order. */
    List<SourceActivity> all() {
        List<SourceActivity> all = new ArrayList<>(size);
        for (SourceActivity s : values) {
            if (s != null) {
                all.add(s);
            }
        }
        return all;
    }

    /** The longest run of used slots: what a lookup may have to walk (tests of the hash). */
    int longestRun() {
        return LinearProbing.longestRun(hashes.length, i -> hashes[i] != 0);
    }

    private int hash(IpAddress src, Protocol protocol) {
        long h = src.hi() * kHi + src.lo() * kLo + protocol.ordinal() * kProtocol;
        return (int) IpAddress.mix(h) | USED;
    }

    private void insert(SourceActivity s, int h) {
        int i = h & mask;
        while (hashes[i] != 0) {
            i = (i + 1) & mask;
        }
        values[i] = s;
        hashes[i] = h;
    }

    private void resize(int capacity) {
        SourceActivity[] oldValues = values;
        int[] oldHashes = hashes;
        allocate(capacity);
        for (int i = 0; i < oldValues.length; i++) {
            if (oldValues[i] != null) {
                insert(oldValues[i], oldHashes[i]);
            }
        }
    }

    private void allocate(int capacity) {
        values = new SourceActivity[capacity];
        hashes = new int[capacity];
        mask = capacity - 1;
    }
}
