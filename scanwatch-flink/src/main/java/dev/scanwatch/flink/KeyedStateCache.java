package dev.scanwatch.flink;

import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.streaming.api.operators.KeyContext;

import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * A write-behind cache in front of one {@link ValueState} of a keyed operator: the values of the
 * keys used last stay deserialised on the heap, and reach the state backend only when they leave
 * the cache (least recently used first, past a byte budget) or when a checkpoint is taken.
 *
 * <p>Why: with RocksDB every {@code value()} and {@code update()} (de)serialises the whole value.
 * A scanner's activity grows with every host it reaches, so applying each attempt through the
 * backend cost time proportional to the evidence so far, and a sweep took quadratic time
 * (docs/FLINK.md, "Throughput"). Through the cache, a hot key is read once while it stays cached
 * and written at most once per checkpoint interval, while each attempt is still applied, and its
 * alerts emitted, at once.
 *
 * <p>Consistency: {@link StateCachingOperator} calls {@link #flush()} before each checkpoint's
 * barrier, so every snapshot holds every change made before it, as without the cache. Whether the
 * entries then stay depends on the backend. RocksDB's snapshot holds the bytes written, and a
 * value read from it is a copy of its own, so the entries stay, clean, and a hot key is not read
 * again after every checkpoint. The heap backend snapshots its tables asynchronously and copies an
 * entry only on its next {@code value()}: a value kept across the snapshot would be changed in
 * place under it, so there (and on any backend not known to copy) the flush empties the cache.
 * The price of the write-back: the changed values are serialised in the checkpoint's synchronous
 * part, at most the budget's worth per instance. State TTL, which the job does not set, would see
 * only those writes: a clean entry kept in the cache is not refreshed in the backend.
 *
 * <p>A lookup that finds nothing also takes an entry (a later update is then free), so a stream of
 * new keys pushes older ones out; the budget, not the key count, bounds it. Unbound (a plain
 * {@code KeyedProcessOperator}, or a budget of 0) the cache is not there: every call goes to the
 * state.
 */
final class KeyedStateCache<V> {

    /** What an entry costs beside its value: the map's node, the entry and the key's text, roughly. */
    private static final long ENTRY_BYTES = 160;

    private final ValueState<V> state;
    private final ToLongFunction<V> weigher;
    /** In access order: the first is the least recently used. */
    private final LinkedHashMap<Object, Entry<V>> entries = new LinkedHashMap<>(64, 0.75f, true);
    private KeyContext keys;
    private long budgetBytes;
    /** Entries outlive a checkpoint (see the class comment): only for backends that hand out copies. */
    private boolean keepAcrossCheckpoints;
    private long bytes;
    private long evictions;

    private static final class Entry<V> {
        V value;
        /** Changed since it was read from (or last written to) the state backend. */
        boolean dirty;
        long weight;
    }

    /** @param weigher the estimated heap bytes of a value */
    KeyedStateCache(ValueState<V> state, ToLongFunction<V> weigher) {
        this.state = state;
        this.weigher = weigher;
    }

    /**
     * Turns the cache on for an operator whose current key says which value is meant.
     *
     * @param backendCopiesValues the state backend serialises what it is given and hands out
     *     fresh copies (RocksDB), so cached values may outlive a checkpoint
     */
    void bind(KeyContext keys, long budgetBytes, boolean backendCopiesValues) {
        if (budgetBytes > 0) {
            this.keys = keys;
            this.budgetBytes = budgetBytes;
            this.keepAcrossCheckpoints = backendCopiesValues;
        }
    }

    /** The current key's value, or null. */
    V value() throws IOException {
        if (keys == null) {
            return state.value();
        }
        Object key = keys.getCurrentKey();
        Entry<V> e = entries.get(key);
        if (e == null) {
            e = new Entry<>();
            e.value = state.value();
            entries.put(key, e);
            reweigh(e);
        }
        return e.value;
    }

    /** Sets the current key's value (also after changing the value {@link #value()} returned). */
    void update(V value) throws IOException {
        if (keys == null) {
            state.update(value);
        } else {
            set(value);
        }
    }

    /** Removes the current key's value. */
    void clear() throws IOException {
        if (keys == null) {
            state.clear();
        } else {
            set(null);
        }
    }

    /** The current key's value from now on (null: none); the backend learns it later. */
    private void set(V value) throws IOException {
        Object key = keys.getCurrentKey();
        Entry<V> e = entries.get(key);
        if (e == null) {
            e = new Entry<>(); // no read: the value is replaced
            entries.put(key, e);
        }
        e.value = value;
        e.dirty = true;
        reweigh(e);
    }

    /**
     * Writes every changed value to the state backend (before a checkpoint); then the entries stay,
     * clean, or, unless the backend copies values, the cache is emptied.
     */
    void flush() throws IOException {
        if (keys == null || entries.isEmpty()) {
            return;
        }
        Object current = keys.getCurrentKey();
        try {
            for (Map.Entry<Object, Entry<V>> e : entries.entrySet()) {
                Entry<V> entry = e.getValue();
                if (entry.dirty) {
                    write(e.getKey(), entry.value);
                    entry.dirty = false;
                }
            }
        } finally {
            restore(current);
        }
        if (!keepAcrossCheckpoints) {
            entries.clear();
            bytes = 0;
        }
    }

    /** Entries changed since they were read or last written back (for tests). */
    long dirtyEntries() {
        return entries.values().stream().filter(e -> e.dirty).count();
    }

    int size() {
        return entries.size();
    }

    long bytes() {
        return bytes;
    }

    /** Entries pushed out by the budget (written back first when changed), not by a checkpoint. */
    long evictions() {
        return evictions;
    }

    private void reweigh(Entry<V> e) throws IOException {
        long weight = ENTRY_BYTES + (e.value == null ? 0 : weigher.applyAsLong(e.value));
        bytes += weight - e.weight;
        e.weight = weight;
        if (bytes > budgetBytes) {
            evictOverBudget();
        }
    }

    /** Writes back the least recently used values until the rest fit; the current key's stays. */
    private void evictOverBudget() throws IOException {
        Object current = keys.getCurrentKey();
        try {
            Iterator<Map.Entry<Object, Entry<V>>> it = entries.entrySet().iterator();
            while (bytes > budgetBytes && it.hasNext()) {
                Map.Entry<Object, Entry<V>> eldest = it.next();
                if (eldest.getKey().equals(current)) {
                    continue; // in use: it is the newest, so only reached once it alone is left
                }
                it.remove();
                Entry<V> e = eldest.getValue();
                bytes -= e.weight;
                evictions++;
                if (e.dirty) {
                    write(eldest.getKey(), e.value);
                }
            }
        } finally {
            restore(current);
        }
    }

    private void write(Object key, V value) throws IOException {
        keys.setCurrentKey(key);
        if (value == null) {
            state.clear();
        } else {
            state.update(value);
        }
    }

    private void restore(Object key) {
        if (key != null && !key.equals(keys.getCurrentKey())) {
            keys.setCurrentKey(key);
        }
    }
}
