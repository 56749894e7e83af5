package dev.scanwatch.cli;

import dev.scanwatch.cli.config.ConfigBuilders;
import dev.scanwatch.cli.config.ConfigException;
import dev.scanwatch.cli.config.Settings;
import dev.scanwatch.core.memory.MemoryBudget;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The settings that decide how packets become attempts: what {@code publish} needs, and the
 * first half of what {@code analyze} and {@code listen} need ({@link DetectionOptions}).
 * Defaults, then {@code --config}, then the flags given (a flag left out does not override the file).
 */
final class TrackerOptions {

    @Option(names = "--config", paramLabel = "FILE", description = "TOML configuration file "
            + "(scanwatch config --defaults prints one with every setting).")
    Path config;

    @Option(names = "--response-timeout", paramLabel = "SECONDS", description = "An unanswered probe counts as "
            + "filtered after this long (default: 5).")
    Long responseTimeoutSeconds;

    @Option(names = "--max-memory", paramLabel = "SIZE", description = "Memory cap of the detection state, e.g. 512m "
            + "or 2g (default: 512m); the tables' capacities follow from it. ./scanwatch gives the JVM a heap of "
            + "the cap plus 160 MiB; with java -jar, give it -Xmx a little above the cap.")
    String maxMemory;

    /** @throws IllegalArgumentException or ConfigException with a message for the user */
    ConfigBuilders builders() throws ConfigException {
        ConfigBuilders b = new ConfigBuilders();
        if (config != null) {
            Settings.apply(config, b);
        }
        if (maxMemory != null) {
            b.memory(MemoryBudget.parse(maxMemory));
        }
        if (responseTimeoutSeconds != null) {
            b.responseTimeout(Duration.ofSeconds(responseTimeoutSeconds));
        }
        return b;
    }
}
