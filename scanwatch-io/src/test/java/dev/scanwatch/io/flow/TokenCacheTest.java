package dev.scanwatch.io.flow;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class TokenCacheTest {

    @Test
    void aRecurringValueComesBackAsTheSameString() {
        TokenCache cache = new TokenCache();
        String first = cache.of("1\ttcp\tS0", 2, 5);
        String again = cache.of("2\ttcp\tSF\tmore", 2, 5);
        assertThat(first).isEqualTo("tcp");
        assertThat(again).isSameAs(first);
        assertThat(cache.of("x\t\ty", 2, 2)).isEmpty();
    }

    /**
     * Many more values than slots, so that values share slots and take them over: whatever the
     * cache holds, each call gives the text between its bounds, and recurring values are served
     * from the cache often enough that the test exercises it.
     */
    @Test
    void givesTheTextBetweenTheBoundsWhateverItHolds() {
        Random random = new Random(7);
        String[] pool = new String[20 * TokenCache.SLOTS];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = randomToken(random, random.nextInt(TokenCache.MAX_LENGTH + 8));
        }
        TokenCache cache = new TokenCache();
        String[] previous = new String[pool.length];
        int reused = 0;
        for (int i = 0; i < 400_000; i++) {
            // a skewed choice, as in a log: a few values recur often, most rarely
            int k = random.nextInt(8) == 0 ? random.nextInt(pool.length) : random.nextInt(64);
            String prefix = randomToken(random, random.nextInt(4));
            String line = prefix + "\t" + pool[k] + "\t" + randomToken(random, random.nextInt(4));
            int begin = prefix.length() + 1;
            String value = cache.of(line, begin, begin + pool[k].length());
            assertThat(value).isEqualTo(pool[k]);
            if (value == previous[k]) {
                reused++;
            }
            previous[k] = value;
        }
        assertThat(reused).isGreaterThan(200_000); // of about 350,000 draws of the 64 frequent values, a fifth too long to keep
    }

    private static String randomToken(Random random, int length) {
        String letters = "SsHhAaDdFfRrTtCcIiQqWwGg^-0";
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(letters.charAt(random.nextInt(letters.length())));
        }
        return sb.toString();
    }
}
