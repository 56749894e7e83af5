package dev.scanwatch.core.track;

/**
 * The conversation table: open addressing with linear probing over the conversations' own key
 * fields, so that a lookup builds no key object and follows no node, and an entry costs two
 * array slots instead of a key, a map node and a table slot. It was the tracker's largest CPU
 * item (two lookups per packet) in the bench module's profile.
 *
 * <p>Each slot keeps the key's hash and port beside the conversation, so a probe that does not
 * match costs no dereference. Removal shifts the following entries back (no tombstones), so probe
 * lengths stay short however many conversations come and go.
 *
 * <p>The port is the slot's own, so one conversation can also be filed under other ports: the
 * UDP index files a conversation under each source port its probe was sent from.
 */
final class ConversationTable {

    private static final int MIN_CAPACITY = 1024;
    /** Linear probing stays short below half full. */
    private static final double MAX_LOAD = 0.5;

    private Conversation[] values;
    private int[] hashes;
    private int[] ports;
    private int mask;
    private int size;

    ConversationTable() {
        allocate(MIN_CAPACITY);
    }

    int size() {
        return size;
    }

    Conversation get(long aHi, long aLo, long bHi, long bLo, int protoPort) {
        int h = ConversationKey.hash(aHi, aLo, bHi, bLo, protoPort);
        int i = h & mask;
        Conversation c;
        while ((c = values[i]) != null) {
            if (hashes[i] == h && ports[i] == protoPort && c.aLo == aLo && c.bLo == bLo && c.aHi == aHi
                && c.bHi == bHi) {
                return c;
            }
            i = (i + 1) & mask;
        }
        return null;
    }

    /** Adds a conversation whose key is not in the table. */
    void add(Conversation c) {
        if (size + 1 > values.length * MAX_LOAD) {
            resize(values.length << 1);
        }
        insert(c, ConversationKey.hash(c.aHi, c.aLo, c.bHi, c.bLo, c.protoPort), c.protoPort);
        size++;
    }

    /** Files {@code c} under its addresses and {@code protoPort}, in place of whichever conversation was. */
    void put(Conversation c, int protoPort) {
        int h = ConversationKey.hash(c.aHi, c.aLo, c.bHi, c.bLo, protoPort);
        for (int i = h & mask; values[i] != null; i = (i + 1) & mask) {
            Conversation v = values[i];
            if (hashes[i] == h && ports[i] == protoPort && v.aLo == c.aLo && v.bLo == c.bLo && v.aHi == c.aHi
                && v.bHi == c.bHi) {
                values[i] = c;
                return;
            }
        }
        if (size + 1 > values.length * MAX_LOAD) {
            resize(values.length << 1);
        }
        insert(c, h, protoPort);
        size++;
    }

    /** Removes this very conversation, if it is in the table under its own port. */
    void remove(Conversation c) {
        remove(c, c.protoPort);
    }

    /** Removes this very conversation filed under {@code protoPort}, if it is (not another one filed there since). */
    void remove(Conversation c, int protoPort) {
        int h = ConversationKey.hash(c.aHi, c.aLo, c.bHi, c.bLo, protoPort);
        int i = h & mask;
        while (values[i] != c || ports[i] != protoPort) {
            if (values[i] == null) {
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
            values[hole] = null;
            j = (j + 1) & mask;
            if (values[j] == null) {
                return;
            }
            int home = hashes[j] & mask;
            boolean staysPut = hole <= j ? hole < home && home <= j : hole < home || home <= j;
            if (!staysPut) {
                values[hole] = values[j];
                hashes[hole] = hashes[j];
                ports[hole] = ports[j];
                hole = j;
            }
        }
    }

    /** The longest run of occupied slots: what a lookup may have to walk (for tests of the hash). */
    int longestRun() {
        int longest = 0;
        int run = 0;
        for (int pass = 0; pass < 2; pass++) { // twice round, so a run across the end counts whole
            for (Conversation v : values) {
                run = v == null ? 0 : run + 1;
                longest = Math.max(longest, Math.min(run, values.length));
            }
        }
        return longest;
    }

    private void insert(Conversation c, int h, int protoPort) {
        int i = h & mask;
        while (values[i] != null) {
            i = (i + 1) & mask;
        }
        values[i] = c;
        hashes[i] = h;
        ports[i] = protoPort;
    }

    private void resize(int capacity) {
        Conversation[] oldValues = values;
        int[] oldHashes = hashes;
        int[] oldPorts = ports;
        allocate(capacity);
        for (int i = 0; i < oldValues.length; i++) {
            if (oldValues[i] != null) {
                insert(oldValues[i], oldHashes[i], oldPorts[i]);
            }
        }
    }

    private void allocate(int capacity) {
        values = new Conversation[capacity];
        hashes = new int[capacity];
        ports = new int[capacity];
        mask = capacity - 1;
    }
}
