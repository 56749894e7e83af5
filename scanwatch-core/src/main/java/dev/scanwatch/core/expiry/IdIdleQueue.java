package dev.scanwatch.core.expiry;

import java.util.function.IntConsumer;

/**
 * {@link IdleQueue}'s order over int ids, for a table that keeps its entries as rows of primitive
 * arrays and so has no member object to queue: the first-contact filter of flow logs, whose
 * contacts as objects were more than half of a Zeek log's collection pauses.
 *
 * <p>The rules are IdleQueue's: an id is queued with the deadline it had when it became active;
 * activity only moves its last-active time, kept by the owner; when the queued deadline comes up,
 * an id active since is queued again with its new deadline instead of expiring, and capacity
 * eviction gives such an id the same second chance. {@code IdIdleQueueTest} holds the two queues
 * to the same order.
 *
 * <p>Unlike IdleQueue there is no detaching: an id leaves its table only through this queue
 * (expiry or {@link #pollOldest}), so the ring never holds more ids than the table.
 */
public final class IdIdleQueue {

    /** No id (an empty queue's oldest). */
    public static final int NONE = -1;

    /** Where the ids' two times live: in the owner's rows, beside the entries they time. */
    public interface Times {
        /** Event time of the id's latest activity. */
        long lastActive(int id);

        /** The deadline the id was queued with. */
        long queuedDeadline(int id);

        void queuedDeadline(int id, long deadlineNanos);
    }

    private final Times times;
    private final long idleNanos;
    /** Ids in the order they are due, a ring whose length is a power of two. */
    private int[] ring = new int[1024];
    private int head;
    private int queued;
    /** The head's queued deadline (MAX_VALUE when empty): {@link #isDue} runs for every attempt. */
    private long headDeadline = Long.MAX_VALUE;

    public IdIdleQueue(Times times, long idleNanos) {
        this.times = times;
        this.idleNanos = idleNanos;
    }

    /** Starts watching an id whose last-active time the owner has set to {@code activeNanos}. */
    public void add(int id, long activeNanos) {
        enqueue(id, activeNanos + idleNanos);
    }

    /** Whether {@link #expire} has anything to look at yet. */
    public boolean isDue(long nowNanos) {
        return headDeadline <= nowNanos;
    }

    /**
     * Hands every id idle at {@code nowNanos} to {@code expired}; one active since it was queued
     * goes back in line. Callers on a per-record path keep {@code expired} in a field.
     */
    public void expire(long nowNanos, IntConsumer expired) {
        while (queued > 0 && times.queuedDeadline(ring[head]) <= nowNanos) {
            int id = dequeue();
            long deadline = times.lastActive(id) + idleNanos;
            if (deadline > nowNanos) {
                enqueue(id, deadline);
            } else {
                expired.accept(id);
            }
        }
        headChanged();
    }

    /**
     * Takes the least recently active id out of line (not out of its table), or {@link #NONE}:
     * an id active since it was queued gets one second chance at the tail first.
     */
    public int pollOldest() {
        int chances = queued;
        while (queued > 0) {
            int id = dequeue();
            long deadline = times.lastActive(id) + idleNanos;
            if (chances-- > 0 && deadline > times.queuedDeadline(id)) {
                enqueue(id, deadline);
                continue;
            }
            headChanged();
            return id;
        }
        headChanged();
        return NONE;
    }

    public int size() {
        return queued;
    }

    private void enqueue(int id, long deadline) {
        times.queuedDeadline(id, deadline);
        if (queued == ring.length) {
            int[] grown = new int[ring.length << 1];
            for (int k = 0; k < queued; k++) {
                grown[k] = ring[(head + k) & (ring.length - 1)];
            }
            ring = grown;
            head = 0;
        }
        if (queued == 0) {
            headDeadline = deadline;
        }
        ring[(head + queued++) & (ring.length - 1)] = id;
    }

    private int dequeue() {
        int id = ring[head];
        head = (head + 1) & (ring.length - 1);
        queued--;
        return id;
    }

    private void headChanged() {
        headDeadline = queued == 0 ? Long.MAX_VALUE : times.queuedDeadline(ring[head]);
    }
}
