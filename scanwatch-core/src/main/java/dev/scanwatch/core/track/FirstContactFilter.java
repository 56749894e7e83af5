package dev.scanwatch.core.track;

import dev.scanwatch.core.expiry.IdleQueue;
import dev.scanwatch.core.model.Attempt;
import dev.scanwatch.core.net.IpAddress;

import java.util.HashMap;

/**
 * Attempts that arrive already made (from flow records) get the tracker's first-contact rule:
 * a (source, destination, protocol, port) seen again within the conversation idle time is the
 * same attempt, not a new one. A flow log has a row per connection; curl fetching 300 pages from
 * one server is one first contact, as it is in a capture.
 */
public final class FirstContactFilter implements AttemptListener {

    private static final class Seen extends IdleQueue.Member {
        final ConversationKey key;

        Seen(ConversationKey key) {
            this.key = key;
        }
    }

    private final AttemptListener downstream;
    private final int capacity;
    private final HashMap<ConversationKey, Seen> seen = new HashMap<>();
    private final IdleQueue<Seen> idle;
    private final ConversationKey probe = new ConversationKey();
    private long now = Long.MIN_VALUE;
    private long repeats;
    private long evictions;

    public FirstContactFilter(TrackerConfig config, AttemptListener downstream) {
        this.downstream = downstream;
        this.idle = new IdleQueue<>(config.conversationIdle().toNanos());
        this.capacity = config.maxConversations();
    }

    @Override
    public void onAttempt(Attempt a) {
        advanceTo(a.timeNanos());
        IpAddress s = a.src();
        IpAddress d = a.dst();
        int protoPort = (a.protocol().ordinal() << 16) | (a.port() & 0xFFFF);
        Seen known = seen.get(probe.set(s.hi(), s.lo(), d.hi(), d.lo(), protoPort));
        if (known != null) {
            IdleQueue.touch(known, a.timeNanos());
            repeats++;
            return;
        }
        if (seen.size() >= capacity) {
            seen.remove(idle.pollOldest().key);
            evictions++;
        }
        Seen fresh = new Seen(probe.copy());
        seen.put(fresh.key, fresh);
        idle.add(fresh, Math.max(now, a.timeNanos()));
        downstream.onAttempt(a);
    }

    public void advanceTo(long timeNanos) {
        if (timeNanos <= now) {
            return;
        }
        now = timeNanos;
        idle.expire(now, s -> seen.remove(s.key));
    }

    /** Attempts dropped as repeats of a first contact still remembered. */
    public long repeats() {
        return repeats;
    }

    public long evictions() {
        return evictions;
    }
}
