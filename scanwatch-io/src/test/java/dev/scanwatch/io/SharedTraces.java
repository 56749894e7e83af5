package dev.scanwatch.io;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real traces of {@code ../shared/traces}, read in place (never copied into the project). The
 * build passes their parent as the system property {@code scanwatch.shared}; without it, or when
 * the directory is absent, tests that need them are skipped, not failed.
 */
public final class SharedTraces {

    public static final String PROPERTY = "scanwatch.shared";

    private SharedTraces() {
    }

    /** The traces directory, or null when it is not here. */
    public static Path find() {
        String shared = System.getProperty(PROPERTY);
        Path dir = shared == null ? null : Path.of(shared, "traces");
        return dir != null && Files.isDirectory(dir) ? dir : null;
    }

    /** The traces directory; the calling test is skipped when it is not here. */
    public static Path require() {
        Path dir = find();
        assumeTrue(dir != null, "shared traces not found (system property " + PROPERTY + "="
                                + System.getProperty(PROPERTY) + "); skipping real-file checks");
        return dir;
    }
}
