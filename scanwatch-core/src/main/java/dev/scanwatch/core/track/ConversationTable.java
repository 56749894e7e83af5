package dev.scanwatch.core.track;

import dev.scanwatch.core.probing.LinearProbing;

/**
 * The conversation table: open addressing with linear probing over the conversations' own key
 * fields, so that a lookup builds no key object and follows no node, and an entry costs two
 * array slots instead of a key, a map node and a table slot. It was the tracker's largest CPU
 * item (two lookups per packet) in the bench module's profile.
 *
 * <p>Each slot keeps the key's hash and port beside the conversation, packed in one long, so a
 * probe that does not match costs no dereference and one cache line, not two (once the table is
 * larger than the cache, every lookup is a miss or two, and that is most of its cost). Removal
 * shifts the following entries back (no tombstones), so probe lengths stay short however many
 * conversations come and go.
 *
 * <p>The port is the slot's own, so one conversation can also be filed under other ports: the
 * UDP index files a conversation under each source port its probe was sent from.
 */
final class ConversationTable {

    private static final int MIN_CAPACITY = 1024;
    /** Linear probing stays short below half full. */
    private static final double MAX_LOAD = 0.5;

    private Conversation[] values;
    /** Per slot: the key's hash in the high half, its protocol and port in the low half; 0 when empty. */
    private long[] meta;
    private static final long EMPTY = 0;
    /** Protocol and port take 24 bits (see ConnectionTracker.protoPort), so bit 31 is free to mark use. */
    private static final long OCCUPIED = 1L << 31;
    private int mask;
    private int size;
    /** The multipliers of this table's {@link ConversationHash}. */
    private final long kALo;
    private final long kBLo;
    private final long kAHi;
    private final long kBHi;
    private final long kPort;

    /** A table with the fixed, unkeyed hash (tests). */
    ConversationTable() {
        this(new ConversationHash(0));
    }

    ConversationTable(ConversationHash hash) {
        kALo = hash.kALo;
        kBLo = hash.kBLo;
        kAHi = hash.kAHi;
        kBHi = hash.kBHi;
        kPort = hash.kPort;
        allocate(MIN_CAPACITY);
    }

    int size() {
        return size;
    }

    Conversation get(long aHi, long aLo, long bHi, long bLo, int protoPort) {
        int i = slot(aHi, aLo, bHi, bLo, meta(hash(aHi, aLo, bHi, bLo, protoPort), protoPort));
        return i < 0 ? null : values[i];
    }

    /** The slot holding the key whose meta is {@code m}, or -1. */
    private int slot(long aHi, long aLo, long bHi, long bLo, long m) {
        long[] meta = this.meta;
        for (int i = home(m); meta[i] != EMPTY; i = (i + 1) & mask) {
            if (meta[i] == m) {
                Conversation c = values[i];
                if (c.aLo == aLo && c.bLo == bLo && c.aHi == aHi && c.bHi == bHi) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** Adds a conversation whose key is not in the table. */
    void add(Conversation c) {
        if (size + 1 > values.length * MAX_LOAD) {
            resize(values.length << 1);
        }
        insert(c, meta(hash(c.aHi, c.aLo, c.bHi, c.bLo, c.protoPort), c.protoPort));
        size++;
    }

    /** Files {@code c} under its addresses and {@code protoPort}, in place of whichever conversation was. */
    void put(Conversation c, int protoPort) {
        long m = meta(hash(c.aHi, c.aLo, c.bHi, c.bLo, protoPort), protoPort);
        int i = slot(c.aHi, c.aLo, c.bHi, c.bLo, m);
        if (i >= 0) {
            values[i] = c;
            return;
        }
        if (size + 1 > values.length * MAX_LOAD) {
            resize(values.length << 1);
        }
        insert(c, m);
        size++;
    }

    /** Removes this very conversation, if it is in the table under its own port. */
    void remove(Conversation c) {
        remove(c, c.protoPort);
    }

    /** Removes this very conversation filed under {@code protoPort}, if it is (not another one filed there since). */
    void remove(Conversation c, int protoPort) {
        long m = meta(hash(c.aHi, c.aLo, c.bHi, c.bLo, protoPort), protoPort);
        int i = home(m);
        while (meta[i] != m || values[i] != c) {
            if (meta[i] == EMPTY) {
                return;
            }
            i = (i + 1) & mask;
        }
        size--;
        // Backward-shift deletion: move later entries of the run into the hole when their home
        // slot does not lie between the hole and where they are.
        int hole = i;
        int j = i;
        while (true) {
            meta[hole] = EMPTY;
            values[hole] = null;
            j = (j + 1) & mask;
            if (meta[j] == EMPTY) {
                return;
            }
            if (!LinearProbing.staysPut(hole, j, home(meta[j]))) {
                values[hole] = values[j];
                meta[hole] = meta[j];
                hole = j;
            }
        }
    }

    /** The longest run of occupied slots: what a lookup may have to walk (for tests of the hash). */
    int longestRun() {
        return longestRun(meta);
    }

    /** The longest run of used slots in an open-addressing table whose empty slots are 0, round its end. */
    static int longestRun(long[] slots) {
        return LinearProbing.longestRun(slots.length, i -> slots[i] != EMPTY);
    }

    private void insert(Conversation c, long m) {
        int i = home(m);
        while (meta[i] != EMPTY) {
            i = (i + 1) & mask;
        }
        values[i] = c;
        meta[i] = m;
    }

    private int hash(long aHi, long aLo, long bHi, long bLo, int protoPort) {
        return ConversationHash.of(kALo, kBLo, kAHi, kBHi, kPort, aHi, aLo, bHi, bLo, protoPort);
    }

    private int home(long meta) {
        return (int) (meta >>> 32) & mask;
    }

    /** The hash above, the protocol and port below, and a bit that tells a used slot from an empty one. */
    private static long meta(int hash, int protoPort) {
        return (long) hash << 32 | OCCUPIED | (protoPort & 0xFFFFFFFFL);
    }

    private void resize(int capacity) {
        Conversation[] oldValues = values;
        long[] oldMeta = meta;
        allocate(capacity);
        for (int i = 0; i < oldValues.length; i++) {
            if (oldValues[i] != null) {
                insert(oldValues[i], oldMeta[i]);
            }
        }
    }

    private void allocate(int capacity) {
        values = new Conversation[capacity];
        meta = new long[capacity];
        mask = capacity - 1;
    }
}
