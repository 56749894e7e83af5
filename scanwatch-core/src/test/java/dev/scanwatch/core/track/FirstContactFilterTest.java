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
}
