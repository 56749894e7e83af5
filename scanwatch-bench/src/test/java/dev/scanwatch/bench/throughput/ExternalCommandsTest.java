package dev.scanwatch.bench.throughput;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ExternalCommandsTest {

    /** The fresh-JVM rows stand for the CLI only while they get the launcher's own defaults. */
    @Test
    void theChildrenGetTheLaunchersDefaults() throws Exception {
        Path launcher = Path.of(System.getProperty("scanwatch.root", ".."), "scanwatch");
        String script = Files.readString(launcher);
        assertThat(script).contains("opts=\"" + ExternalCommands.LAUNCHER_GC + " $opts\"",
                "opts=\"" + ExternalCommands.LAUNCHER_INLINING + " $opts\"",
                "opts=\"" + ExternalCommands.LAUNCHER_C2_THRESHOLDS + " $opts\"");
    }
}
