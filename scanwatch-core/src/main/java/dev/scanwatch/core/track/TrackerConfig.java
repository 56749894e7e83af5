package dev.scanwatch.core.track;

import dev.scanwatch.core.memory.MemoryBudget;

import java.time.Duration;

/**
 * Tunables of the connection tracker. Every one is named here with its default and the reason
 * for it, in the manner of Zeek's scan script.
 *
 * @param responseTimeout  how long a probe may wait for its answer before it counts as
 *                         FILTERED. Five seconds covers Internet round trips and nmap's default
 *                         retransmissions (initial RTT timeout 1 s) with room to spare.
 * @param conversationIdle how long a (source, destination, protocol, port) stays remembered
 *                         after its last packet: a repeated probe or a new connection within it
 *                         is not a new first contact. Two minutes keeps retransmissions and
 *                         nmap's second pass (it re-probes unanswered ports) inside one attempt.
 * @param maxConversations hard cap on the conversation table; past it the least recently
 *                         active conversation is evicted (its pending probe resolves UNKNOWN)
 *                         and the eviction is counted.
 * @param hashSeed         keys the conversation table's hash, so that addresses chosen to collide
 *                         in it cannot make every lookup walk them all. The core draws nothing:
 *                         the CLI passes a random seed per run. 0, the default, keeps the fixed
 *                         hash that tests and benchmarks reproduce. Alerts never depend on it.
 */
public record TrackerConfig(Duration responseTimeout, Duration conversationIdle, int maxConversations,
                            long hashSeed) {

    public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_CONVERSATION_IDLE = Duration.ofMinutes(2);
    /** Follows the default memory cap (512 MiB) through its cost model. */
    public static final int DEFAULT_MAX_CONVERSATIONS = MemoryBudget.DEFAULT.maxConversations();

    public TrackerConfig {
        if (responseTimeout.isNegative() || responseTimeout.isZero()) {
            throw new IllegalArgumentException("response timeout must be positive");
        }
        if (conversationIdle.compareTo(responseTimeout) < 0) {
            throw new IllegalArgumentException("conversation idle time must not be shorter than the response timeout");
        }
        if (maxConversations < 1) {
            throw new IllegalArgumentException("max conversations must be positive");
        }
    }

    public TrackerConfig(Duration responseTimeout, Duration conversationIdle, int maxConversations) {
        this(responseTimeout, conversationIdle, maxConversations, 0);
    }

    public TrackerConfig withMemory(MemoryBudget budget) {
        return new TrackerConfig(responseTimeout, conversationIdle, budget.maxConversations(), hashSeed);
    }

    public TrackerConfig withHashSeed(long seed) {
        return new TrackerConfig(responseTimeout, conversationIdle, maxConversations, seed);
    }

    public static TrackerConfig defaults() {
        return new TrackerConfig(DEFAULT_RESPONSE_TIMEOUT, DEFAULT_CONVERSATION_IDLE, DEFAULT_MAX_CONVERSATIONS);
    }

}
