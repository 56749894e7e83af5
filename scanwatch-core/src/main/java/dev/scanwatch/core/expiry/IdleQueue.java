package dev.scanwatch.core.expiry;

import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * Idle expiry in event time, the mechanism every table shares (its owner keeps the policy of
 * what to do with an expired member: close an alert, keep it for the long horizon, forget it).
 *
 * <p>Members are queued in the order they became active, with the deadline they had then.
 * Activity only moves a member's {@link Member#lastActiveNanos}; when its old deadline comes up
 * it is re-queued with the new one instead. So activity costs a field write, not a queue
 * operation, and expiry is amortised O(1) per activity. Time stepping back (several capture
 * interfaces) is tolerated: a member expires a little late, never early.
 */
public final class IdleQueue<T extends IdleQueue.Member> {

    /** What a queue needs to know of its members. */
    public abstract static class Member implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        /** Event time of the member's latest activity. */
        public long lastActiveNanos;
        long queuedDeadline;
        boolean detached;

        /** Marks the member as gone by other means (eviction); the queue skips it from now on. */
        public void detach() {
            detached = true;
        }

        public boolean isDetached() {
            return detached;
        }
    }

    private final ArrayDeque<T> queue = new ArrayDeque<>();
    private final long idleNanos;
    /**
     * The head's queued deadline (MAX_VALUE when empty), kept beside the queue: {@link #isDue}
     * runs for every packet, and reading it from the head member was a dereference each time.
     */
    private long headDeadline = Long.MAX_VALUE;

    public IdleQueue(long idleNanos) {
        this.idleNanos = idleNanos;
    }

    public long idleNanos() {
        return idleNanos;
    }

    /** Starts watching a member, active at {@code nowNanos}. */
    public void add(T member, long nowNanos) {
        member.lastActiveNanos = Math.max(member.lastActiveNanos, nowNanos);
        member.queuedDeadline = member.lastActiveNanos + idleNanos;
        if (queue.isEmpty()) {
            headDeadline = member.queuedDeadline;
        }
        queue.addLast(member);
    }

    /** Records activity of a member at {@code timeNanos}. */
    public static void touch(Member member, long timeNanos) {
        if (timeNanos > member.lastActiveNanos) {
            member.lastActiveNanos = timeNanos;
        }
    }

    /** Whether {@link #expire} has anything to look at yet: a cheap test for every packet. */
    public boolean isDue(long nowNanos) {
        return headDeadline <= nowNanos;
    }

    /**
     * Hands every member idle at {@code nowNanos} to {@code expired}, which decides its fate.
     * Callers on the per-packet path keep {@code expired} in a field: a method reference made per
     * call is an allocation per packet.
     */
    public void expire(long nowNanos, Consumer<T> expired) {
        while (!queue.isEmpty() && queue.peekFirst().queuedDeadline <= nowNanos) {
            T m = queue.pollFirst();
            if (m.detached) {
                continue;
            }
            if (m.lastActiveNanos + idleNanos > nowNanos) {
                m.queuedDeadline = m.lastActiveNanos + idleNanos;
                queue.addLast(m);
            } else {
                expired.accept(m);
            }
        }
        headChanged();
    }

    /**
     * Removes and returns the least recently active member (for capacity eviction), or null.
     * A member active since it was queued gets a second chance at the tail, as in expiry, so a
     * busy scanner is not taken for the oldest entry of a flood.
     */
    public T pollOldest() {
        int chances = queue.size();
        while (!queue.isEmpty()) {
            T m = queue.pollFirst();
            if (m.detached) {
                continue;
            }
            if (chances-- > 0 && m.lastActiveNanos + idleNanos > m.queuedDeadline) {
                m.queuedDeadline = m.lastActiveNanos + idleNanos;
                queue.addLast(m);
                continue;
            }
            headChanged();
            return m;
        }
        headChanged();
        return null;
    }

    /**
     * Drops detached members once they outnumber the live ones by more than an eighth: a member
     * evicted by other means stays reachable through the queue until it is met, and under a flood
     * of new members (500 k spoofed sources a second) that is most of the heap. Amortised: at most
     * about eight entries looked at per member detached.
     *
     * @param live members the owner still holds
     */
    public void prune(int live) {
        if (queue.size() > live + Math.max(MIN_PRUNE_SLACK, live / 8)) {
            queue.removeIf(m -> m.detached);
            headChanged();
        }
    }

    private static final int MIN_PRUNE_SLACK = 1024;

    public int size() {
        return queue.size();
    }

    public void clear() {
        queue.clear();
        headChanged();
    }

    private void headChanged() {
        T head = queue.peekFirst();
        headDeadline = head == null ? Long.MAX_VALUE : head.queuedDeadline;
    }
}
