package dev.scanwatch.core.track;

import dev.scanwatch.core.expiry.IdIdleQueue;
import dev.scanwatch.core.probing.LinearProbing;

import java.util.Arrays;

/**
 * The first contacts a flow log's {@link FirstContactFilter} remembers, in primitive arrays: no
 * object per contact. A flow log brings a new contact with nearly every record, and the filter
 * keeps each for the conversation idle time (two minutes: about 600,000 contacts in the bench's
 * Zeek log), so contacts as objects lived just long enough to be copied by every young
 * collection and promoted; they were more than half of that log's collection pauses.
 *
 * <p>Each contact has a stable id, and its key (initiator, responder, protocol and port), its
 * hash and its two times sit side by side in one {@code long[]} row of eight (64 bytes, so the
 * key's fields share a cache line or two, where an object's fields sat behind a reference).
 * The index is open addressing with linear probing over longs holding the hash and the id, so a
 * probe that does not match reads no row, and removal shifts the run back (no tombstones), as in
 * {@link ConversationTable}, whose seeded hash it uses.
 */
final class ContactTable implements IdIdleQueue.Times {

    static final int NONE = -1;

    private static final int ROW = 8;
    /** The most contacts a table holds: their rows must fit one Java array. */
    static final int MAX_CONTACTS = (Integer.MAX_VALUE - 8) / ROW;
    private static final int A_HI = 0;
    private static final int A_LO = 1;
    private static final int B_HI = 2;
    private static final int B_LO = 3;
    private static final int PROTO_PORT = 4;
    private static final int HASH = 5;
    private static final int LAST_ACTIVE = 6;
    private static final int QUEUED_DEADLINE = 7;

    private static final int MIN_IDS = 1024;
    /** Linear probing stays short below half full. */
    private static final double MAX_LOAD = 0.5;

    private final long kALo;
    private final long kBLo;
    private final long kAHi;
    private final long kBHi;
    private final long kPort;

    /** Row per id; grows by doubling, up to the most contacts the owner keeps. */
    private long[] rows;
    private final int maxIds;
    /** Ids given back, reused before new ones. */
    private int[] freeIds = new int[MIN_IDS];
    private int freeCount;
    /** Ids below this have been handed out. */
    private int nextId;

    /** Per slot: the hash in the high half, id + 1 in the low half; 0 when empty. */
    private long[] index = new long[2 * MIN_IDS];
    private int mask = index.length - 1;
    private int size;

    /**
     * A table that will hold at most {@code maxContacts} at once (its rows grow no further; at
     * most {@link #MAX_CONTACTS}).
     */
    ContactTable(ConversationHash hash, int maxContacts) {
        if (maxContacts < 1 || maxContacts > MAX_CONTACTS) {
            throw new IllegalArgumentException("contacts held: " + maxContacts + ", not 1 to " + MAX_CONTACTS);
        }
        maxIds = maxContacts;
        rows = new long[Math.min(MIN_IDS, maxIds) * ROW];
        kALo = hash.kALo;
        kBLo = hash.kBLo;
        kAHi = hash.kAHi;
        kBHi = hash.kBHi;
        kPort = hash.kPort;
    }

    int size() {
        return size;
    }

    /** The id of the contact with this key, or {@link #NONE}. */
    int find(long aHi, long aLo, long bHi, long bLo, int protoPort) {
        int hash = hash(aHi, aLo, bHi, bLo, protoPort);
        long[] index = this.index;
        long[] rows = this.rows;
        for (int i = hash & mask; index[i] != 0; i = (i + 1) & mask) {
            if ((int) (index[i] >>> 32) == hash) {
                int id = (int) index[i] - 1;
                int r = id * ROW;
                if (rows[r + A_LO] == aLo && rows[r + B_LO] == bLo && rows[r + A_HI] == aHi && rows[r + B_HI] == bHi
                        && rows[r + PROTO_PORT] == protoPort) {
                    return id;
                }
            }
        }
        return NONE;
    }

    /** Adds a contact whose key is not in the table; its id. Its times start at 0. */
    int add(long aHi, long aLo, long bHi, long bLo, int protoPort) {
        int id = freeCount > 0 ? freeIds[--freeCount] : newId();
        int hash = hash(aHi, aLo, bHi, bLo, protoPort);
        int r = id * ROW;
        rows[r + A_HI] = aHi;
        rows[r + A_LO] = aLo;
        rows[r + B_HI] = bHi;
        rows[r + B_LO] = bLo;
        rows[r + PROTO_PORT] = protoPort;
        rows[r + HASH] = hash;
        rows[r + LAST_ACTIVE] = 0;
        rows[r + QUEUED_DEADLINE] = 0;
        if (size + 1 > index.length * MAX_LOAD) {
            resize(index.length << 1);
        }
        insert(slotValue(hash, id));
        size++;
        return id;
    }

    /** Removes the contact and gives its id back. */
    void remove(int id) {
        int hash = (int) rows[id * ROW + HASH];
        long value = slotValue(hash, id);
        int i = hash & mask;
        while (index[i] != value) {
            if (index[i] == 0) {
                throw new IllegalStateException("contact " + id + " is not in the table");
            }
            i = (i + 1) & mask;
        }
        size--;
        if (freeCount == freeIds.length) {
            freeIds = Arrays.copyOf(freeIds, freeIds.length << 1);
        }
        freeIds[freeCount++] = id;
        // Backward-shift deletion (LinearProbing.staysPut).
        int hole = i;
        int j = i;
        while (true) {
            index[hole] = 0;
            j = (j + 1) & mask;
            if (index[j] == 0) {
                return;
            }
            if (!LinearProbing.staysPut(hole, j, (int) (index[j] >>> 32) & mask)) {
                index[hole] = index[j];
                hole = j;
            }
        }
    }

    @Override
    public long lastActive(int id) {
        return rows[id * ROW + LAST_ACTIVE];
    }

    void lastActive(int id, long nanos) {
        rows[id * ROW + LAST_ACTIVE] = nanos;
    }

    @Override
    public long queuedDeadline(int id) {
        return rows[id * ROW + QUEUED_DEADLINE];
    }

    @Override
    public void queuedDeadline(int id, long nanos) {
        rows[id * ROW + QUEUED_DEADLINE] = nanos;
    }

    /** The longest run of occupied index slots: what a lookup may have to walk (for tests of the hash). */
    int longestRun() {
        return ConversationTable.longestRun(index);
    }

    private int newId() {
        if (nextId * ROW == rows.length) {
            if (nextId == maxIds) {
                throw new IllegalStateException("a contact table of " + maxIds + " is full");
            }
            rows = Arrays.copyOf(rows, (int) Math.min(2L * nextId, maxIds) * ROW);
        }
        return nextId++;
    }

    private void insert(long value) {
        int i = (int) (value >>> 32) & mask;
        while (index[i] != 0) {
            i = (i + 1) & mask;
        }
        index[i] = value;
    }

    private void resize(int capacity) {
        long[] old = index;
        index = new long[capacity];
        mask = capacity - 1;
        for (long v : old) {
            if (v != 0) {
                insert(v);
            }
        }
    }

    private static long slotValue(int hash, int id) {
        return (long) hash << 32 | (id + 1L);
    }

    private int hash(long aHi, long aLo, long bHi, long bLo, int protoPort) {
        return ConversationHash.of(kALo, kBLo, kAHi, kBHi, kPort, aHi, aLo, bHi, bLo, protoPort);
    }
}
