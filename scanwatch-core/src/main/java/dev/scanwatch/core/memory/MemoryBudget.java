package dev.scanwatch.core.memory;

import java.util.Locale;

/**
 * The memory cap (--max-memory) split over the tables, by the cost model below: every table has
 * a capacity in entries or bytes, and the state holds to it by accounting and eviction, never by
 * hoping the input is kind. The JVM's own overhead (classes, buffers, the collector's headroom)
 * comes on top.
 *
 * @param bytes                the budget for detection state
 * @param compressedReferences whether the JVM that holds the state uses 4-byte references, as the
 *                             cost model below was measured; from a heap of about 32 GiB it uses
 *                             8-byte ones, and the same state takes more room (see
 *                             {@link #WIDE_REFERENCE_FACTOR}). The core cannot know: whoever
 *                             starts the analysis asks the JVM.
 */
public record MemoryBudget(long bytes, boolean compressedReferences) {

    /** The default cap: 512 MiB of state. */
    public static final MemoryBudget DEFAULT = new MemoryBudget(512L << 20);

    /**
     * How much more room the state takes with 8-byte references: {@code costmodel} under
     * {@code -XX:-UseCompressedOops} measured a one-attempt source at 479-494 bytes (charged 420,
     * 1.18 times; 507-532 against 442 while the sources were a HashMap), a conversation at up to
     * 276 (charged 250, 1.10) and a swept host at up to 82 (charged 72, 1.14), at 32,769 to
     * 100,000 entries. Rather than a second cost model, the budget then holds a quarter less
     * state, which covers the largest of these.
     */
    public static final double WIDE_REFERENCE_FACTOR = 1.25;

    // The cost model, measured as retained heap on JDK 17 with compressed oops (docs/PERFORMANCE.md).
    /** A tracked conversation: 159 bytes for TCP, 262 for UDP (which is indexed twice). */
    public static final long CONVERSATION_BYTES = 250;
    /**
     * A source with one attempt, less its first host, port and pair below: the whole measures 407
     * to 412 bytes (its one pair held inline, no tables; the most just after the sources' table
     * doubles, 50,000 sources), charged 420 with them. It measured 421 to 437, charged 442, while
     * the sources were a HashMap.
     */
    public static final long SOURCE_BASE_BYTES = 318;
    /** The tables a source builds at its second distinct (host, port) pair: 1,362 - 421 measured, rounded up. */
    public static final long SOURCE_TABLES_BYTES = 1_000;
    /**
     * Each further host a source reaches (a sweep): 64 to 66 measured with its pair, since a host
     * holds its first port inline (146 before; the cost model had reported 95 by averaging in
     * the hosts past the exact limit, which cost nothing, and the budget charged 90 + 22). Charged
     * 50 + 22 = 72: what a host costs just after the hosts' table doubles, the emptiest it gets
     * (measured 72 at 24,577 and 49,153 hosts, 56 just before).
     */
    public static final long SOURCE_HOST_BYTES = 50;
    /** The set of ports a host gets at its second port (88 bytes: the set and its first array). */
    public static final long SOURCE_HOST_PORTS_BYTES = 90;
    /**
     * Each further port a source reaches (a scan): 51 measured with its pair (a count per port, not
     * a set); 42 since both per-port counts share one map, 34 since their keys are the set of
     * ports reached. Kept at 30 + 22: an over-estimate is safe.
     */
    public static final long SOURCE_PORT_BYTES = 30;
    /** Each further (host, port) pair. */
    public static final long SOURCE_PAIR_BYTES = 22;
    /** A target watched for distributed scans. */
    public static final long TARGET_BYTES = 2_000;

    /**
     * Shares of the budget: conversations (packets to attempts), per-source state, per-target
     * state. A quarter is left for what the estimates do not see (table slack, queues holding
     * members until pruned, alerts in flight): with 90 % given out, a 10 M-source flood kept the
     * heap so full that the collector thrashed.
     */
    private static final double CONVERSATION_SHARE = 0.25;
    private static final double SOURCE_SHARE = 0.40;
    private static final double TARGET_SHARE = 0.10;
    /** The long horizon may hold at most this share of the source table. */
    private static final double SLOW_SHARE_OF_SOURCES = 0.5;
    private static final long MIN_BYTES = 16L << 20;

    /** A budget for a JVM with compressed references, as most heaps below 32 GiB are. */
    public MemoryBudget(long bytes) {
        this(bytes, true);
    }

    public MemoryBudget {
        if (bytes < MIN_BYTES) {
            throw new IllegalArgumentException("a memory cap below " + (MIN_BYTES >> 20) + " MiB leaves no room to work");
        }
    }

    /** "512m", "2g", "300000000" (bytes); k, m, g are powers of 1024. */
    public static MemoryBudget parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        char last = t.isEmpty() ? ' ' : t.charAt(t.length() - 1);
        if (last == 'k' || last == 'm' || last == 'g') {
            unit = last == 'k' ? 1L << 10 : last == 'm' ? 1L << 20 : 1L << 30;
            t = t.substring(0, t.length() - 1);
        }
        try {
            return new MemoryBudget(Math.multiplyExact(Long.parseLong(t), unit));
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("not a size: '" + text + "' (e.g. 512m, 2g)");
        }
    }

    /** The same cap, for a JVM whose references are (or are not) compressed. */
    public MemoryBudget withCompressedReferences(boolean compressed) {
        return new MemoryBudget(bytes, compressed);
    }

    public int maxConversations() {
        return capped(usableBytes() * CONVERSATION_SHARE / CONVERSATION_BYTES);
    }

    public long maxStateBytes() {
        return (long) (usableBytes() * SOURCE_SHARE);
    }

    /** Sources the state budget holds if each had a single attempt (a spoofed flood). */
    public int maxSources() {
        return capped((double) maxStateBytes() / (SOURCE_BASE_BYTES + SOURCE_HOST_BYTES + SOURCE_PORT_BYTES));
    }

    public int maxSlowSources() {
        return capped(maxSources() * SLOW_SHARE_OF_SOURCES);
    }

    public int maxTargets() {
        return capped(usableBytes() * TARGET_SHARE / TARGET_BYTES);
    }

    /** The cap in the cost model's bytes, those of compressed references. */
    private double usableBytes() {
        return compressedReferences ? bytes : bytes / WIDE_REFERENCE_FACTOR;
    }

    private static int capped(double entries) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, entries));
    }

    @Override
    public String toString() {
        if (bytes % (1L << 30) == 0) {
            return (bytes >> 30) + "g";
        }
        return bytes % (1L << 20) == 0 ? (bytes >> 20) + "m" : Long.toString(bytes);
    }
}
