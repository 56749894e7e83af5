package dev.scanwatch.core.detect;

import dev.scanwatch.core.alert.Alert;
import dev.scanwatch.core.model.Attempt;
import dev.scanwatch.core.model.Outcome;
import dev.scanwatch.core.model.Protocol;
import dev.scanwatch.core.model.Technique;
import dev.scanwatch.core.net.IpAddress;
import it.unimi.dsi.fastutil.HashCommon;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** How a source's tables file its hosts: keyed against chosen collisions, never seen in the alerts. */
class HostFilingTest {

    private static final long PREFIX = 0x20010db800000001L;
    private static final IpAddress SCANNER = IpAddress.parse("2001:db8:ffff::9");

    /** The inverse of {@link IpAddress#mix} (murmur3's finaliser: its xor-shifts by 33 undo themselves). */
    private static long unmix(long z) {
        z ^= z >>> 33;
        z *= IpAddress.inverseOfOdd(0xC4CE_B9FE_1A85_EC53L);
        z ^= z >>> 33;
        z *= IpAddress.inverseOfOdd(0xFF51_AFD7_ED55_8CCDL);
        return z ^ (z >>> 33);
    }

    /** An address of the /64 whose fingerprint is {@code f}: the fingerprint is a bijection of the interface ID. */
    private static IpAddress withFingerprint(long f) {
        long lo = unmix(f) ^ PREFIX * 0x9E37_79B9_7F4A_7C15L;
        IpAddress a = new IpAddress(PREFIX, lo);
        assertThat(a.fingerprint()).isEqualTo(f);
        return a;
    }

    /** Targets an attacker picks so that fastutil files them all on one slot of a table of up to 2^16. */
    private static List<IpAddress> collidingTargets(int n) {
        Random random = new Random(3);
        List<IpAddress> targets = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            targets.add(withFingerprint(HashCommon.invMix((long) random.nextInt() << 16)));
        }
        return targets;
    }

    private static int slots(SourceActivity s, List<IpAddress> targets) {
        Set<Long> slots = new HashSet<>();
        for (IpAddress t : targets) {
            slots.add(HashCommon.mix(s.hostOf(t)) & 0xFFFF);
        }
        return slots.size();
    }

    @Test
    void chosenTargetsShareOneSlotUnlessTheFilingIsKeyed() {
        List<IpAddress> targets = collidingTargets(2_000);
        assertThat(slots(new SourceActivity(SCANNER, Protocol.TCP, false, 0), targets)).isEqualTo(1);
        assertThat(slots(new SourceActivity(SCANNER, Protocol.TCP, false, 0x5EED), targets)).isGreaterThan(1_900);
    }

    @Test
    void theRemixIsUndoneExactly() {
        SourceActivity s = new SourceActivity(SCANNER, Protocol.TCP, false, 0x5EED);
        for (IpAddress t : collidingTargets(100)) {
            assertThat(s.fingerprintOf(s.hostOf(t))).isEqualTo(t.fingerprint());
        }
    }

    /** A sweep past the exact-host limit (the sketch takes over) alerts the same under any seed. */
    @Test
    void alertsDoNotDependOnTheSeed() {
        List<List<Alert>> runs = new ArrayList<>();
        for (long seed : new long[] {0, 0x5EED, -42}) {
            DetectorConfig config = DetectorConfig.builder().maxExactHostsPerSource(500).hashSeed(seed).build();
            List<Alert> alerts = new ArrayList<>();
            ScanDetector detector = new ScanDetector(config, alerts::add);
            Random random = new Random(9);
            for (int i = 0; i < 3_000; i++) {
                IpAddress dst = new IpAddress(PREFIX, random.nextLong());
                detector.onAttempt(new Attempt(i * 1_000_000L, SCANNER, dst, Protocol.TCP, 22 + random.nextInt(3), 40000,
                        Technique.SYN, random.nextInt(4) == 0 ? Outcome.CLOSED : Outcome.FILTERED));
                detector.advanceTo(i * 1_000_000L);
            }
            detector.finish();
            runs.add(alerts);
        }
        assertThat(runs.get(0)).isNotEmpty();
        assertThat(runs.get(0).get(runs.get(0).size() - 1).targets()).isGreaterThan(2_500);
        assertThat(runs.get(1)).isEqualTo(runs.get(0));
        assertThat(runs.get(2)).isEqualTo(runs.get(0));
    }
}
