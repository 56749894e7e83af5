package dev.scanwatch.core.track;

import dev.scanwatch.core.expiry.IdleQueue;
import dev.scanwatch.core.model.Attempt;
import dev.scanwatch.core.net.IpAddress;

/**
 * Attempts that arrive already made (from flow records) get the tracker's first-contact rule:
 * a (source, destination, protocol, port) seen again within the conversation idle time is the
 * same attempt, not a new one. A flow log has a row per connection; curl fetching 300 pages from
 * one server is one first contact, as it is in a capture.
 */
public final class FirstContactFilter implements AttemptListener {

    private final AttemptListener downstream;
    private final int capacity;
    private final long idleNanos;
    /**
     * The contacts remembered, as rows of primitive arrays (an object per contact was more than
     * half of a Zeek log's collection pauses), under the tracker's seeded hash: the seed keeps
     * contacts chosen to collide from making one long run (with seed 0, as in tests and
     * benchmarks, they could).
     */
    private final ContactTable seen;
    /**
     * Contact ids in the order they are due, with a second chance for those active since they
     * were queued: {@link IdleQueue}'s order (expiry and eviction alike) over ids. Each contact
     * is queued exactly once, so the ring never holds more ids than the table.
     */
    private int[] order = new int[1024];
    private int head;
    private int queued;
    /** The queued deadline of the head (MAX_VALUE when empty): tested for every attempt. */
    private long headDeadline = Long.MAX_VALUE;
    private long now = Long.MIN_VALUE;
    private long repeats;
    private long evictions;

    public FirstContactFilter(TrackerConfig config, AttemptListener downstream) {
        this.downstream = downstream;
        this.idleNanos = config.conversationIdle().toNanos();
        // Past the rows one array holds (268 M), the filter forgets the oldest, and counts it.
        this.capacity = Math.min(config.maxConversations(), ContactTable.MAX_CONTACTS);
        this.seen = new ContactTable(new ConversationHash(config.hashSeed()), capacity);
    }

    @Override
    public void onAttempt(Attempt a) {
        long t = a.timeNanos();
        advanceTo(t);
        IpAddress s = a.src();
        IpAddress d = a.dst();
        int protoPort = ConnectionTracker.protoPort(a.protocol(), a.port());
        int known = seen.find(s.hi(), s.lo(), d.hi(), d.lo(), protoPort);
        if (known != ContactTable.NONE) {
            if (t > seen.lastActive(known)) {
                seen.lastActive(known, t);
            }
            repeats++;
            return;
        }
        if (seen.size() >= capacity) {
            seen.remove(pollOldest()); // every contact is in line, so a full table has an oldest
            evictions++;
        }
        int fresh = seen.add(s.hi(), s.lo(), d.hi(), d.lo(), protoPort);
        long active = Math.max(now, t);
        seen.lastActive(fresh, active);
        enqueue(fresh, active + idleNanos);
        downstream.onAttempt(a);
    }

    public void advanceTo(long timeNanos) {
        if (timeNanos <= now) {
            return;
        }
        now = timeNanos;
        if (headDeadline <= now) {
            expire();
        }
    }

    /** Forgets every contact idle at {@link #now}; one active since it was queued goes back in line. */
    private void expire() {
        while (queued > 0 && seen.queuedDeadline(order[head]) <= now) {
            int id = dequeue();
            long deadline = seen.lastActive(id) + idleNanos;
            if (deadline > now) {
                enqueue(id, deadline);
            } else {
                seen.remove(id);
            }
        }
        headChanged();
    }

    /** The least recently active contact, taken out of line (not out of the table), or NONE. */
    private int pollOldest() {
        int chances = queued;
        while (queued > 0) {
            int id = dequeue();
            long deadline = seen.lastActive(id) + idleNanos;
            if (chances-- > 0 && deadline > seen.queuedDeadline(id)) {
                enqueue(id, deadline);
                continue;
            }
            headChanged();
            return id;
        }
        headChanged();
        return ContactTable.NONE;
    }

    private void enqueue(int id, long deadline) {
        seen.queuedDeadline(id, deadline);
        if (queued == order.length) {
            int[] grown = new int[order.length << 1];
            for (int k = 0; k < queued; k++) {
                grown[k] = order[(head + k) & (order.length - 1)];
            }
            order = grown;
            head = 0;
        }
        if (queued == 0) {
            headDeadline = deadline;
        }
        order[(head + queued++) & (order.length - 1)] = id;
    }

    private int dequeue() {
        int id = order[head];
        head = (head + 1) & (order.length - 1);
        queued--;
        return id;
    }

    private void headChanged() {
        headDeadline = queued == 0 ? Long.MAX_VALUE : seen.queuedDeadline(order[head]);
    }

    /** Attempts dropped as repeats of a first contact still remembered. */
    public long repeats() {
        return repeats;
    }

    public long evictions() {
        return evictions;
    }
}
