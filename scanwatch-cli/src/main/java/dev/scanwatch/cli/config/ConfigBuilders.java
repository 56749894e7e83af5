package dev.scanwatch.cli.config;

import dev.scanwatch.core.detect.AllowedDestination;
import dev.scanwatch.core.detect.DetectorConfig;
import dev.scanwatch.core.detect.FalsePositiveExits;
import dev.scanwatch.core.detect.SequentialTest;
import dev.scanwatch.core.memory.MemoryBudget;
import dev.scanwatch.core.net.CidrSet;
import dev.scanwatch.core.track.TrackerConfig;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The configuration being assembled: defaults, then a file, then command-line flags. */
public final class ConfigBuilders {

    private static final SecureRandom RANDOM = new SecureRandom();

    final DetectorConfig.Builder detector = DetectorConfig.builder();
    Duration responseTimeout = TrackerConfig.DEFAULT_RESPONSE_TIMEOUT;
    Duration conversationIdle = TrackerConfig.DEFAULT_CONVERSATION_IDLE;
    double theta0 = SequentialTest.DEFAULT_THETA0;
    double theta1 = SequentialTest.DEFAULT_THETA1;
    double alpha = SequentialTest.DEFAULT_ALPHA;
    double beta = SequentialTest.DEFAULT_BETA;
    List<String> allowSources = new ArrayList<>();
    List<String> allowDestinations = new ArrayList<>();
    List<String> authorisedScanners = new ArrayList<>();
    /** The memory cap; capacities below that are set explicitly win over its split. */
    MemoryBudget memory = MemoryBudget.DEFAULT;
    /** Whether the JVM that will hold the state compresses its references (the cap holds less state if not). */
    boolean compressedReferences = HeapReferences.compressed();
    Integer maxConversations;
    Integer maxSources;
    Integer maxSlowSources;
    Integer maxTargets;
    Long maxStateBytes;

    public ConfigBuilders memory(MemoryBudget budget) {
        memory = budget;
        return this;
    }

    public DetectorConfig.Builder detector() {
        return detector;
    }

    public ConfigBuilders responseTimeout(Duration d) {
        responseTimeout = d;
        return this;
    }

    /**
     * Validates everything; IllegalArgumentException names what is wrong. The conversation
     * table's hash gets a seed nobody outside can guess (TrackerConfig's hashSeed says why; so
     * does the detector configuration's, below).
     */
    public TrackerConfig tracker() {
        Duration idle = conversationIdle.compareTo(responseTimeout) < 0 ? responseTimeout : conversationIdle;
        return new TrackerConfig(responseTimeout, idle,
                maxConversations != null ? maxConversations : budget().maxConversations(), randomHashSeed());
    }

    /** The cap as this JVM can hold it. */
    private MemoryBudget budget() {
        return memory.withCompressedReferences(compressedReferences);
    }

    private static long randomHashSeed() {
        long seed;
        do {
            seed = RANDOM.nextLong();
        } while (seed == 0);
        return seed;
    }

    public DetectorConfig detectorConfig() {
        List<AllowedDestination> destinations = new ArrayList<>();
        for (String d : allowDestinations) {
            destinations.add(AllowedDestination.parse(d));
        }
        detector.memory(budget());
        if (maxSources != null) {
            detector.maxSources(maxSources);
        }
        if (maxSlowSources != null) {
            detector.maxSlowSources(maxSlowSources);
        }
        if (maxTargets != null) {
            detector.maxTargets(maxTargets);
        }
        if (maxStateBytes != null) {
            detector.maxStateBytes(maxStateBytes);
        }
        return detector
                .sequentialTest(new SequentialTest(theta0, theta1, alpha, beta))
                .exits(new FalsePositiveExits(CidrSet.parse(allowSources), destinations,
                        CidrSet.parse(authorisedScanners)))
                .hashSeed(randomHashSeed())
                .build();
    }
}
