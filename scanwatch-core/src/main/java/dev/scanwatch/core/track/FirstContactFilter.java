package dev.scanwatch.core.track;

import dev.scanwatch.core.expiry.IdleQueue;
import dev.scanwatch.core.model.Attempt;
import dev.scanwatch.core.net.IpAddress;

import java.util.function.Consumer;

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
     * The contacts remembered, in a table of the tracker's kind (an instance of its own): a lookup
     * builds no key, and the seeded hash keeps contacts chosen to collide from making one long run
     * (with seed 0, as in tests and benchmarks, they could). A {@code HashMap} of keys was a
     * quarter of the time of reading a Zeek log. Only each conversation's key and idle-queue
     * fields are used; it is made silent because it never goes through the tracker.
     */
    private final ConversationTable seen;
    private final IdleQueue<Conversation> idle;
    private final Consumer<Conversation> forget;
    private long now = Long.MIN_VALUE;
    private long repeats;
    private long evictions;

    public FirstContactFilter(TrackerConfig config, AttemptListener downstream) {
        this.downstream = downstream;
        this.idle = new IdleQueue<>(config.conversationIdle().toNanos());
        this.capacity = config.maxConversations();
        this.seen = new ConversationTable(new ConversationHash(config.hashSeed()));
        this.forget = seen::remove;
    }

    @Override
    public void onAttempt(Attempt a) {
        advanceTo(a.timeNanos());
        IpAddress s = a.src();
        IpAddress d = a.dst();
        int protoPort = ConnectionTracker.protoPort(a.protocol(), a.port());
        Conversation known = seen.get(s.hi(), s.lo(), d.hi(), d.lo(), protoPort);
        if (known != null) {
            IdleQueue.touch(known, a.timeNanos());
            repeats++;
            return;
        }
        if (seen.size() >= capacity) {
            seen.remove(idle.pollOldest());
            evictions++;
        }
        Conversation fresh = new Conversation(s.hi(), s.lo(), d.hi(), d.lo(), protoPort, a.protocol(), a.timeNanos(),
                a.srcPort(), a.technique(), true);
        seen.add(fresh);
        idle.add(fresh, Math.max(now, a.timeNanos()));
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
