package dev.scanwatch.core.track;

import dev.scanwatch.core.expiry.IdIdleQueue;
import dev.scanwatch.core.model.Attempt;
import dev.scanwatch.core.net.IpAddress;

import java.util.function.IntConsumer;

/**
 * Attempts that arrive already made (from flow records) get the tracker's first-contact rule:
 * a (source, destination, protocol, port) seen again within the conversation idle time is the
 * same attempt, not a new one. A flow log has a row per connection; curl fetching 300 pages from
 * one server is one first contact, as it is in a capture.
 */
public final class FirstContactFilter implements AttemptListener {

    private final AttemptListener downstream;
    private final int capacity;
    /**
     * The contacts remembered, as rows of primitive arrays (an object per contact was more than
     * half of a Zeek log's collection pauses), under the tracker's seeded hash: the seed keeps
     * contacts chosen to collide from making one long run (with seed 0, as in tests and
     * benchmarks, they could).
     */
    private final ContactTable seen;
    /** Contact ids in {@link dev.scanwatch.core.expiry.IdleQueue}'s order, for expiry and eviction alike. */
    private final IdIdleQueue idle;
    /** Kept in a field: a method reference made per call is an allocation per attempt. */
    private final IntConsumer forget;
    private long now = Long.MIN_VALUE;
    private long repeats;
    private long evictions;

    public FirstContactFilter(TrackerConfig config, AttemptListener downstream) {
        this.downstream = downstream;
        // Past the rows one array holds (268 M), the filter forgets the oldest, and counts it.
        this.capacity = Math.min(config.maxConversations(), ContactTable.MAX_CONTACTS);
        this.seen = new ContactTable(new ConversationHash(config.hashSeed()), capacity);
        this.idle = new IdIdleQueue(seen, config.conversationIdle().toNanos());
        this.forget = seen::remove;
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
            seen.remove(idle.pollOldest()); // every contact is in line, so a full table has an oldest
            evictions++;
        }
        int fresh = seen.add(s.hi(), s.lo(), d.hi(), d.lo(), protoPort);
        long active = Math.max(now, t);
        seen.lastActive(fresh, active);
        idle.add(fresh, active);
        downstream.onAttempt(a);
    }

    public void advanceTo(long timeNanos) {
        if (timeNanos <= now) {
            return;
        }
        now = timeNanos;
        if (idle.isDue(now)) {
            idle.expire(now, forget);
        }
    }

    /** Attempts dropped as repeats of a first contact still remembered. */
    public long repeats() {
        return repeats;
    }

    public long evictions() {
        return evictions;
    }
}
