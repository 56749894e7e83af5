package dev.scanwatch.core.track;

import dev.scanwatch.core.model.Attempt;
import dev.scanwatch.core.model.Outcome;
import dev.scanwatch.core.model.Protocol;
import dev.scanwatch.core.model.Technique;
import dev.scanwatch.core.net.IpAddress;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The first-contact rule for attempts that arrive already made (flow records). */
class FirstContactFilterTest {

    private static final long SECOND = 1_000_000_000L;
    private static final Duration IDLE = Duration.ofSeconds(60);

    private final List<Attempt> passed = new ArrayList<>();

    private static Attempt attempt(long seconds, String src, String dst, Protocol protocol, int port) {
        return new Attempt(seconds * SECOND, IpAddress.parse(src), IpAddress.parse(dst), protocol, port, 40000,
                Technique.CONNECT, Outcome.OPEN);
    }

    private FirstContactFilter filter(int capacity, long seed) {
        return new FirstContactFilter(new TrackerConfig(Duration.ofSeconds(5), IDLE, capacity).withHashSeed(seed),
                passed::add);
    }

    @Test
    void aRepeatWithinTheIdleTimeIsTheSameAttemptAndEachRepeatKeepsItRemembered() {
        FirstContactFilter f = filter(1000, 0);
        for (long t = 0; t <= 300; t += 50) { // 300 s in all, never 60 s apart
            f.onAttempt(attempt(t, "10.0.0.1", "192.0.2.7", Protocol.TCP, 443));
        }
        assertThat(passed).hasSize(1);
        assertThat(f.repeats()).isEqualTo(6);

        f.onAttempt(attempt(300 + 61, "10.0.0.1", "192.0.2.7", Protocol.TCP, 443));
        assertThat(passed).as("idle for longer than the conversation idle time: a new first contact").hasSize(2);
    }

    @Test
    void anotherPortProtocolDestinationOrDirectionIsAnotherContact() {
        FirstContactFilter f = filter(1000, 0x5EED);
        f.onAttempt(attempt(0, "10.0.0.1", "192.0.2.7", Protocol.TCP, 443));
        f.onAttempt(attempt(1, "10.0.0.1", "192.0.2.7", Protocol.TCP, 80));
        f.onAttempt(attempt(2, "10.0.0.1", "192.0.2.7", Protocol.UDP, 443));
        f.onAttempt(attempt(3, "10.0.0.1", "192.0.2.8", Protocol.TCP, 443));
        f.onAttempt(attempt(4, "192.0.2.7", "10.0.0.1", Protocol.TCP, 443));
        f.onAttempt(attempt(5, "2001:db8::1", "192.0.2.7", Protocol.TCP, 443));
        f.onAttempt(attempt(6, "10.0.0.1", "192.0.2.7", Protocol.TCP, 443));
        assertThat(passed).hasSize(6);
        assertThat(f.repeats()).isOne();
    }

    @Test
    void atCapacityTheLeastRecentContactIsForgottenAndCounted() {
        FirstContactFilter f = filter(3, 0);
        f.onAttempt(attempt(0, "10.0.0.1", "192.0.2.1", Protocol.TCP, 22));
        f.onAttempt(attempt(1, "10.0.0.1", "192.0.2.2", Protocol.TCP, 22));
        f.onAttempt(attempt(2, "10.0.0.1", "192.0.2.3", Protocol.TCP, 22));
        f.onAttempt(attempt(3, "10.0.0.1", "192.0.2.1", Protocol.TCP, 22)); // a repeat: .1 is now the most recent
        f.onAttempt(attempt(4, "10.0.0.1", "192.0.2.4", Protocol.TCP, 22)); // full: .2 goes
        assertThat(f.evictions()).isOne();
        f.onAttempt(attempt(5, "10.0.0.1", "192.0.2.1", Protocol.TCP, 22));
        f.onAttempt(attempt(6, "10.0.0.1", "192.0.2.2", Protocol.TCP, 22)); // new again: full, so .3 goes
        f.onAttempt(attempt(7, "10.0.0.1", "192.0.2.3", Protocol.TCP, 22));
        assertThat(passed).extracting(a -> a.dst().toString())
                .containsExactly("192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4", "192.0.2.2", "192.0.2.3");
        assertThat(f.repeats()).isEqualTo(2);
        assertThat(f.evictions()).isEqualTo(3);
    }

    @Test
    void aContactIdleForExactlyTheIdleTimeIsForgotten() {
        FirstContactFilter f = filter(1000, 0);
        f.onAttempt(attempt(0, "10.0.0.1", "192.0.2.7", Protocol.TCP, 443));
        f.onAttempt(attempt(59, "10.0.0.1", "192.0.2.7", Protocol.TCP, 443));
        f.onAttempt(attempt(59 + 60, "10.0.0.1", "192.0.2.7", Protocol.TCP, 443));
        assertThat(passed).hasSize(2);
        assertThat(f.repeats()).isOne();
    }

    /**
     * Contacts expire while others around them must still be found: removals shift entries back
     * in the table, and a shift that lost one would pass a repeat on as new.
     */
    @Test
    void contactsExpiringAmongOthersLeaveTheRestFindable() {
        FirstContactFilter f = filter(100_000, 0x5EED);
        int hosts = 20_000;
        long step = IDLE.toNanos() / hosts; // one contact per step: the first ones expire as the last arrive
        for (int round = 0; round < 2; round++) {
            for (int h = 0; h < hosts; h++) {
                long t = (round * hosts + h) * step;
                f.onAttempt(new Attempt(t, IpAddress.parse("10.0.0.1"), IpAddress.ofV4(0x0A010000 + (h * 7919) % hosts),
                        Protocol.TCP, 445, 40000, Technique.SYN, Outcome.FILTERED));
            }
        }
        // Round 2 comes back to each host exactly one idle time after round 1: gone, so new again.
        assertThat(passed).hasSize(2 * hosts);
        // Just before the first of the second round's contacts would expire: all of them are remembered.
        long beforeExpiry = (2L * hosts - 1) * step;
        for (int h = 0; h < hosts; h++) {
            f.onAttempt(new Attempt(beforeExpiry + h, IpAddress.parse("10.0.0.1"), IpAddress.ofV4(0x0A010000 + h),
                    Protocol.TCP, 445, 40000, Technique.SYN, Outcome.FILTERED));
        }
        assertThat(passed).hasSize(2 * hosts);
        assertThat(f.repeats()).isEqualTo(hosts);
    }

    @Test
    void manyContactsComeAndGoWithoutLosingAny() {
        FirstContactFilter f = filter(50_000, 0x5EED);
        int hosts = 20_000;
        for (int round = 0; round < 3; round++) { // rounds 100 s apart: each starts after the last was forgotten
            for (int h = 0; h < hosts; h++) {
                f.onAttempt(new Attempt((round * 100L) * SECOND + h, IpAddress.parse("10.0.0.1"),
                        IpAddress.ofV4(0x0A010000 + h), Protocol.TCP, 445, 40000, Technique.SYN, Outcome.FILTERED));
                f.onAttempt(new Attempt((round * 100L) * SECOND + h + 1, IpAddress.parse("10.0.0.1"),
                        IpAddress.ofV4(0x0A010000 + h), Protocol.TCP, 445, 40000, Technique.SYN, Outcome.FILTERED));
            }
        }
        assertThat(passed).hasSize(3 * hosts);
        assertThat(f.repeats()).isEqualTo(3L * hosts);
        assertThat(f.evictions()).isZero();
    }

    /**
     * The filter as it was with a conversation object per contact, kept as the model: the
     * primitive rows must pass on exactly what it passed, in every order of expiry and eviction.
     */
    private static final class ObjectFilter {
        private final java.util.function.Consumer<Attempt> downstream;
        private final int capacity;
        private final ConversationTable seen;
        private final dev.scanwatch.core.expiry.IdleQueue<Conversation> idle;
        private long now = Long.MIN_VALUE;
        long repeats;
        long evictions;

        ObjectFilter(TrackerConfig config, java.util.function.Consumer<Attempt> downstream) {
            this.downstream = downstream;
            this.idle = new dev.scanwatch.core.expiry.IdleQueue<>(config.conversationIdle().toNanos());
            this.capacity = config.maxConversations();
            this.seen = new ConversationTable(new ConversationHash(config.hashSeed()));
        }

        void advanceTo(long timeNanos) {
            if (timeNanos > now) {
                now = timeNanos;
                if (idle.isDue(now)) {
                    idle.expire(now, seen::remove);
                }
            }
        }

        void onAttempt(Attempt a) {
            advanceTo(a.timeNanos());
            int protoPort = ConnectionTracker.protoPort(a.protocol(), a.port());
            Conversation known = seen.get(a.src().hi(), a.src().lo(), a.dst().hi(), a.dst().lo(), protoPort);
            if (known != null) {
                dev.scanwatch.core.expiry.IdleQueue.touch(known, a.timeNanos());
                repeats++;
                return;
            }
            if (seen.size() >= capacity) {
                seen.remove(idle.pollOldest());
                evictions++;
            }
            Conversation fresh = new Conversation(a.src().hi(), a.src().lo(), a.dst().hi(), a.dst().lo(), protoPort,
                    a.protocol(), a.timeNanos(), a.srcPort(), a.technique(), true);
            seen.add(fresh);
            idle.add(fresh, Math.max(now, a.timeNanos()));
            downstream.accept(a);
        }
    }

    /**
     * Random streams over few keys (so contacts repeat, expire and get evicted), with times that
     * jump, stand still and step back a little, as merged flow logs do, at capacities from 1 up.
     */
    @Test
    void passesOnExactlyWhatTheObjectPerContactFilterDid() {
        java.util.Random random = new java.util.Random(11);
        Protocol[] protocols = {Protocol.TCP, Protocol.UDP, Protocol.ICMP};
        for (int round = 0; round < 400; round++) {
            int capacity = 1 + random.nextInt(round % 4 == 0 ? 3 : 60);
            long seed = round % 2 == 0 ? 0 : random.nextLong();
            TrackerConfig config = new TrackerConfig(Duration.ofSeconds(1), Duration.ofSeconds(1 + random.nextInt(30)),
                    capacity).withHashSeed(seed);
            Twins twins = new Twins(config);
            long t = random.nextInt(1000) * SECOND;
            int keys = 2 + random.nextInt(120);
            for (int i = 0; i < 2_000; i++) {
                int pick = random.nextInt(10);
                t += pick < 5 ? random.nextInt(2 * (int) SECOND) : pick < 8 ? 0 : pick < 9 ? -random.nextInt(1000)
                        : random.nextInt(40) * SECOND;
                int k = random.nextInt(keys);
                IpAddress src = k % 5 == 0 ? IpAddress.parse("2001:db8::" + Integer.toHexString(k)) : IpAddress.ofV4(0x0A000000 + k % 7);
                Attempt a = new Attempt(t, src, IpAddress.ofV4(0xC0000200 + k % 11), protocols[k % 3], 20 + k % 13,
                        40000, Technique.SYN, Outcome.FILTERED);
                twins.onAttempt(a);
                if (i % 97 == 0) { // the reader's advances between records
                    twins.advanceTo(t + random.nextInt(3) * SECOND);
                }
            }
            twins.assertAgree("round " + round);
        }
    }

    /**
     * Thousands of contacts: the order's ring, the rows and the index grow while contacts expire
     * and are evicted, so the ring's head is midway when it grows, and ids freed by expiry come
     * back for new contacts; times step back by seconds too.
     */
    @Test
    void passesOnWhatTheModelDidWhileEverythingGrows() {
        java.util.Random random = new java.util.Random(12);
        for (int round = 0; round < 12; round++) {
            int capacity = 1_000 + random.nextInt(4_000);
            TrackerConfig config = new TrackerConfig(Duration.ofSeconds(1), Duration.ofSeconds(2 + random.nextInt(20)),
                    capacity).withHashSeed(round % 2 == 0 ? 0 : random.nextLong());
            Twins twins = new Twins(config);
            long t = 0;
            int keys = 3 * capacity;
            for (int i = 0; i < 30_000; i++) {
                int pick = random.nextInt(100);
                if (pick < 2) { // a burst of new contacts at one time: the ring grows with its head midway
                    for (int b = 0; b < 1_500; b++) {
                        twins.onAttempt(contact(t, random.nextInt(keys)));
                    }
                    continue;
                }
                t += pick < 60 ? random.nextInt((int) (SECOND / 20)) : pick < 90 ? 0 : pick < 95
                        ? -random.nextInt(3) * SECOND : random.nextInt(30) * SECOND;
                twins.onAttempt(contact(t, random.nextInt(keys)));
            }
            twins.assertAgree("round " + round);
        }
    }

    /** The filter and its model, fed the same attempts and advances. */
    private static final class Twins {
        private final List<Attempt> expected = new ArrayList<>();
        private final List<Attempt> passed = new ArrayList<>();
        private final ObjectFilter model;
        private final FirstContactFilter filter;

        Twins(TrackerConfig config) {
            model = new ObjectFilter(config, expected::add);
            filter = new FirstContactFilter(config, passed::add);
        }

        void onAttempt(Attempt a) {
            model.onAttempt(a);
            filter.onAttempt(a);
        }

        void advanceTo(long nanos) {
            model.advanceTo(nanos);
            filter.advanceTo(nanos);
        }

        void assertAgree(String what) {
            assertThat(passed).as(what).isEqualTo(expected);
            assertThat(filter.repeats()).as(what).isEqualTo(model.repeats);
            assertThat(filter.evictions()).as(what).isEqualTo(model.evictions);
        }
    }

    private static Attempt contact(long t, int k) {
        return new Attempt(t, IpAddress.ofV4(0x0A000000 + k % 251), IpAddress.ofV4(0xC0000200 + k / 251), Protocol.TCP,
                443, 40000, Technique.CONNECT, Outcome.OPEN);
    }
}
